import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/identity/projects/list.handler';
import { ProjectsTable } from '@/features/projects/projects-table';
import { projectsListInput, projectsTableSpec } from '@/features/projects/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = projectsListInput(parseTableState(await searchParams, projectsTableSpec));
  const initial = await prefetch(session, input, listHandler);
  const scope = initial.data?.scope;
  return (
    <>
      <PageHeader
        title="Projects"
        description={scope === 'mine' ? 'The projects you hold a role on.' : 'Every project in the cloud. Projects own resources; users get roles on them.'}
      />
      <ProjectsTable initial={initial} currentProjectId={session.auth.projectId ?? ''} />
    </>
  );
}
