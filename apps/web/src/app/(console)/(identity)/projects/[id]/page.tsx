import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { getHandler } from '@/server/api/routers/identity/projects/get.handler';
import { ProjectDetail } from '@/features/projects/project-detail';
import { ClientProviders, prefetch, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const result = await prefetch(session, { id: decodeURIComponent(id) }, getHandler);
  // Missing or not yours: the same 404, so an id reveals nothing about other projects' resources.
  if (!result.data) notFound();
  return (
    <>
      <PageHeader title={`Project ${result.data.name}`} description={result.data.description || undefined} />
      <ClientProviders session={session}>
        <ProjectDetail initial={result.data} currentProjectId={session.auth.projectId ?? ''} />
      </ClientProviders>
    </>
  );
}
