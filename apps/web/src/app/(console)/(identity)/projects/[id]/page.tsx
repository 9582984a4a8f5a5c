import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { ProjectDetail } from '@/features/projects/project-detail';
import { loadProject } from '@/features/projects/load';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { session, result } = await loadProject(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return (
    <>
      <PageHeader title={`Project ${result.data.name}`} description={result.data.description || undefined} />
      <ProjectDetail initial={result.data} currentProjectId={session.auth.projectId ?? ''} />
    </>
  );
}
