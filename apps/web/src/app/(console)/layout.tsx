import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { accessibleProjects } from '@nimbus/core/identity/accessible-projects';
import { ConsoleShell } from '@/components/shell/console-shell';
import { runtime } from '@/server/runtime';
import { getSession, hasStaleSession } from '@/server/session';
import { TRPCReactProvider } from '@/trpc/react';

/** Every console page needs the session (token validated per request), so nothing is cached. */
export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) redirect((await hasStaleSession()) ? '/login?reason=expired' : '/login');
  const { auth, csrf } = session;
  const projects = await accessibleProjects(runtime().db, auth.userId);
  // A token is always project-scoped for the console (login and switch-project make sure of it).
  const project = { id: auth.projectId ?? '', name: auth.projectName ?? '—' };
  return (
    <ConsoleShell
      user={{ id: auth.userId, name: auth.userName }}
      project={project}
      projects={projects.map((p) => ({ id: p.id, name: p.name }))}
      isAdmin={auth.isAdmin}
      csrf={csrf}
    >
      {/* One tRPC + React Query client for the whole console, so pages share its cache. */}
      <TRPCReactProvider csrf={csrf}>{children}</TRPCReactProvider>
    </ConsoleShell>
  );
}
