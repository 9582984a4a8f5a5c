import { ProjectDetailSkeleton } from '@/features/projects/project-detail';

export default function Loading() {
  return <ProjectDetailSkeleton />;
}
