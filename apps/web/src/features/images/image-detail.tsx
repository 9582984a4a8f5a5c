'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Trash2 } from 'lucide-react';
import { Button, ConfirmDialog, DescriptionList, isTransitional, Panel, StatusBadge, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import { TRANSITIONAL_POLL_MS, useLiveInvalidate } from '../live/use-live-list';
import type { RouterOutputs } from '../router-types';
import { EditImageDialog, type EditableImage } from './edit-dialog';
import { formatBytes } from './spec';

type ImageDetail = RouterOutputs['images']['get'];

/** Image overview; refreshes itself while the image is queued or saving. */
export function ImageDetailView({ initial }: { initial: ImageDetail }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.images.get.queryOptions({ id: initial.id }, { initialData: initial, refetchInterval: (q) => (isTransitional(q.state.data?.status) ? TRANSITIONAL_POLL_MS : false) }),
  );
  useLiveInvalidate(['image'], trpc.images.get.queryFilter({ id: initial.id }));
  const i = query.data ?? initial;
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<EditableImage | undefined>();
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation(trpc.images.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.images.list.pathFilter()) }));
  const props = Object.entries(i.properties).filter(([k]) => k !== 'os_hidden');
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap justify-end gap-2">
        {i.can.update ? <Button variant="secondary" icon={<Pencil className="size-4" />} onClick={() => setEditing(i)}>Edit Image</Button> : null}
        {i.can.delete ? (
          <Button variant="danger" icon={<Trash2 className="size-4" />} disabled={i.protected} title={i.protected ? 'The image is protected; edit it to unprotect it first.' : undefined} onClick={() => setDeleting(true)}>
            Delete Image
          </Button>
        ) : null}
      </div>
      <EditImageDialog image={editing} onOpenChange={(o) => !o && setEditing(undefined)} canPublicize={i.canPublicize} />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete image ${i.name ?? i.id}?`}
        description="Its data is removed from the image store. Instances already running from it are not affected."
        confirmLabel="Delete Image"
        tone="danger"
        onConfirm={async () => {
          await remove.mutateAsync({ id: i.id });
          toast({ title: `Image ${i.name ?? i.id} deleted` });
          router.push('/project/images');
        }}
      />
      <Panel title="Overview">
        <DescriptionList
          items={[
            { label: 'Name', value: i.name ?? '—' },
            { label: 'ID', value: i.id, mono: true },
            { label: 'Status', value: <StatusBadge status={i.status} /> },
            { label: 'Visibility', value: i.visibility },
            { label: 'Protected', value: i.protected ? 'Yes' : 'No' },
            { label: 'Disk format', value: i.diskFormat ?? '—' },
            { label: 'Container format', value: i.containerFormat ?? '—' },
            { label: 'Size', value: formatBytes(i.size) },
            { label: 'Minimum disk', value: `${i.minDisk} GB` },
            { label: 'Minimum RAM', value: `${i.minRam} MB` },
            { label: 'Checksum (md5)', value: i.checksum ?? '—', mono: true },
            { label: 'Owner project', value: i.ownerProjectId ?? '—', mono: true },
            { label: 'Created', value: formatTime(i.createdAt) },
            { label: 'Updated', value: formatTime(i.updatedAt) },
          ]}
        />
      </Panel>
      {props.length || i.tags.length ? (
        <Panel title="Properties and tags">
          <DescriptionList items={[...props.map(([k, v]) => ({ label: k, value: String(v), mono: true })), ...(i.tags.length ? [{ label: 'Tags', value: i.tags.join(', ') }] : [])]} />
        </Panel>
      ) : null}
    </div>
  );
}
