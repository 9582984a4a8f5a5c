import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { getHandler } from '@/server/api/routers/identity/projects/get.handler';
import { ProjectDetail, ProjectMissing } from '@/features/projects/project-detail';
import { ClientProviders, prefetch, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const result = await prefetch(session, { id: decodeURIComponent(id) }, getHandler);
  if (result.error !== undefined && /Could not find project/.test(result.error)) notFound();
  return (
    <>
      <PageHeader title={result.data ? `Project ${result.data.name}` : 'Project'} description={result.data?.description || undefined} />
      {result.data ? (
        <ClientProviders session={session}>
          <ProjectDetail initial={result.data} currentProjectId={session.auth.projectId ?? ''} />
        </ClientProviders>
      ) : (
        <ProjectMissing message={result.error ?? ''} />
      )}
    </>
  );
}
