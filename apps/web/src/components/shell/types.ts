/** What the server layout hands the shell; all serialisable (the shell is a client component). */
export interface ShellProps {
  user: { id: string; name: string };
  project: { id: string; name: string };
  projects: ReadonlyArray<{ id: string; name: string }>;
  isAdmin: boolean;
  /** Echoed by the switch-project and logout forms (CSRF). */
  csrf: string;
}
