import { redirect } from 'next/navigation';

/** `/admin/audit` is the short name; the panel lives at `/admin/audit-log` (the navigation's link). */
export default async function AuditRedirect({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === 'string') params.set(k, v);
  const qs = params.toString();
  redirect(qs ? `/admin/audit-log?${qs}` : '/admin/audit-log');
}
