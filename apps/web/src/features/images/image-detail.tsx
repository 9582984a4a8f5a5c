'use client';

import { useQuery } from '@tanstack/react-query';
import { DescriptionList, isTransitional, Panel, StatusBadge } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import { TRANSITIONAL_POLL_MS, useLiveInvalidate } from '../live/use-live-list';
import type { RouterOutputs } from '../router-types';
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
  const props = Object.entries(i.properties).filter(([k]) => k !== 'os_hidden');
  return (
    <div className="flex flex-col gap-5">
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
