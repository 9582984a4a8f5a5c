import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { can } from '@nimbus/core/policy/index';
import { requireSession } from '@/features/server-page';

/**
 * The Admin section exists only for cloud admins: anyone else gets the same 404 as for a page
 * that does not exist (typing the URL reveals nothing). The tRPC procedures refuse them too.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (!can(session.auth, 'identity:list_audit_events', { target: {} })) notFound();
  return children;
}
