import { ListPageSkeleton } from '@/features/list-page-skeleton';

export default function Loading() {
  return <ListPageSkeleton />;
}
