'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Eye, Pencil, Plus, Trash2 } from 'lucide-react';
import { Badge, Button, ConfirmDialog, EmptyState, isTransitional, ResourceTable, StatusBadge, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import { transitionalInterval, useLiveInvalidate } from '../live/use-live-list';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { EditImageDialog, type EditableImage } from './edit-dialog';
import { formatBytes, IMAGE_STATUSES, IMAGE_VISIBILITIES, imagesListInput, imagesTableSpec, type ImagesListInput } from './spec';
import { UploadImageDialog } from './upload-dialog';

type List = RouterOutputs['images']['list'];
export type ImagesInitial = Initial<ImagesListInput, List>;
type ImageRow = List['items'][number];

const COLUMNS: ResourceTableProps<ImageRow>['columns'] = [
  {
    id: 'name',
    accessorFn: (r) => r.name,
    header: 'Name',
    cell: ({ row }) => (
      <Link href={`/project/images/${row.original.id}`} className="font-medium text-primary hover:underline">
        {row.original.name ?? row.original.id}
      </Link>
    ),
    meta: { className: 'max-w-[16rem] truncate' },
  },
  { id: 'status', accessorFn: (r) => r.status, header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: 'visibility',
    accessorFn: (r) => r.visibility,
    header: 'Visibility',
    cell: ({ row }) => (
      <span className="inline-flex items-center gap-1">
        {row.original.visibility}
        {row.original.protected ? <Badge tone="warning">protected</Badge> : null}
      </span>
    ),
  },
  { id: 'format', accessorFn: (r) => r.diskFormat, header: 'Format', enableSorting: false, cell: ({ row }) => row.original.diskFormat ?? '—' },
  { id: 'size', accessorFn: (r) => r.size, header: 'Size', cell: ({ row }) => formatBytes(row.original.size) },
  { id: 'created', accessorFn: (r) => r.createdAt, header: 'Created', cell: ({ row }) => formatTime(row.original.createdAt) },
];

/** Project → Compute → Images: what the project can boot from; uploads stream with a progress bar. */
export function ImagesTable({ initial, csrf }: { initial?: ImagesInitial; csrf: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const table = useTableUrlState(imagesTableSpec);
  const input = imagesListInput(table.state);
  const list = useQuery(
    trpc.images.list.queryOptions(input, {
      placeholderData: keepPreviousData,
      initialData: initialData(initial, input),
      refetchInterval: (q) => transitionalInterval(q.state.data?.items, (r) => isTransitional(r.status)),
    }),
  );
  useLiveInvalidate(['image'], trpc.images.pathFilter());
  const [uploadOpen, setUploadOpen] = useState(false);
  const [editing, setEditing] = useState<EditableImage | undefined>();
  const [deleting, setDeleting] = useState<ImageRow | undefined>();
  const remove = useMutation(trpc.images.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.images.pathFilter()) }));
  const can = list.data?.can;

  const rowActions = useMemo(() => {
    return (row: ImageRow): ActionItem[] => {
      const items: ActionItem[] = [{ id: 'view', label: 'View details', icon: <Eye />, onSelect: () => router.push(`/project/images/${row.id}`) }];
      if (row.can.update) items.push({ id: 'edit', label: 'Edit image', icon: <Pencil />, onSelect: () => setEditing(row) });
      if (row.can.delete) {
        items.push({
          id: 'delete',
          label: 'Delete image',
          icon: <Trash2 />,
          danger: true,
          separatorBefore: true,
          disabled: row.protected,
          disabledReason: 'The image is protected; edit it to unprotect it first.',
          onSelect: () => setDeleting(row),
        });
      }
      return items;
    };
  }, [router]);

  return (
    <>
      <ResourceTable<ImageRow>
        label="Images"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `image ${r.name ?? r.id}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        selectFilters={[
          {
            id: 'status',
            label: 'Status',
            allLabel: 'Any status',
            options: IMAGE_STATUSES.map((s) => ({ value: s, label: s })),
            value: table.state.filters.status,
            onChange: (value: string) => table.update({ filters: { status: value } }),
          },
          {
            id: 'visibility',
            label: 'Visibility',
            allLabel: 'Any visibility',
            options: IMAGE_VISIBILITIES.map((s) => ({ value: s, label: s })),
            value: table.state.filters.visibility,
            onChange: (value: string) => table.update({ filters: { visibility: value } }),
          },
        ]}
        rowActions={rowActions}
        toolbar={
          can?.create && can.upload ? (
            <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setUploadOpen(true)}>
              Create Image
            </Button>
          ) : null
        }
        emptyState={<EmptyState title="No images yet" description="Upload a disk image to launch instances from it." />}
      />
      <UploadImageDialog open={uploadOpen} onOpenChange={setUploadOpen} csrf={csrf} canPublicize={can?.publicize ?? false} />
      <EditImageDialog image={editing} onOpenChange={(open) => !open && setEditing(undefined)} canPublicize={can?.publicize ?? false} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete image ${deleting?.name ?? ''}?`}
        description="Its data is removed from the image store. Instances already running from it are not affected."
        confirmLabel="Delete Image"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Image ${deleting.name ?? deleting.id} deleted` });
        }}
      />
    </>
  );
}
