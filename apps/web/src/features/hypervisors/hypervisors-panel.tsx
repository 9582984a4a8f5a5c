'use client';

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ConfirmDialog, EmptyState, ErrorState, Panel, StatusBadge, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import { useLiveInvalidate } from '../live/use-live-list';
import { UsageBar } from '../quotas/usage-bar';
import { formatHypervisorVersion } from './driver';
import { DriverBadge } from './driver-badge';
import type { RouterOutputs } from '../router-types';

type Data = RouterOutputs['compute']['hypervisors']['list'];
type Node = Data['items'][number];

/** Admin → Hypervisors: one card per compute node with its hypervisor and acceleration (or FAKE), capacity bars, liveness, status and a switch. */
export function HypervisorsPanel({ initial }: { initial: Data }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery(trpc.compute.hypervisors.list.queryOptions(undefined, { initialData: initial, refetchInterval: 10_000 }));
  useLiveInvalidate(['hypervisor', 'instance'], trpc.compute.hypervisors.pathFilter());
  const setEnabled = useMutation(trpc.compute.hypervisors.setEnabled.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.compute.hypervisors.pathFilter()) }));
  const [disabling, setDisabling] = useState<Node | undefined>();
  const [reason, setReason] = useState('');
  const data = list.data ?? initial;
  if (list.error && !list.data) return <ErrorState message={list.error.message} />;
  if (data.items.length === 0) return <EmptyState title="No compute nodes" description="Start a node agent: it registers itself with its first heartbeat." />;
  return (
    <>
      <ul aria-label="Hypervisors" className="grid gap-4 lg:grid-cols-2">
        {data.items.map((h) => (
          <li key={h.id}>
            <Panel
              title={h.name}
              description={`${[h.hypervisorType, formatHypervisorVersion(h.hypervisorVersion)].filter(Boolean).join(' ')} · zone ${h.availabilityZone}${h.hostIp ? ` · ${h.hostIp}` : ''}`}
              actions={
                data.can.update ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={`${h.status === 'enabled' ? 'Disable' : 'Enable'} ${h.name}`}
                    onClick={() => {
                      if (h.status === 'enabled') {
                        setReason('');
                        setDisabling(h);
                      } else {
                        setEnabled.mutate({ id: h.id, enabled: true }, { onSuccess: () => toast({ title: `${h.name} enabled` }), onError: (e) => toast({ tone: 'error', title: 'Could not enable', description: e.message }) });
                      }
                    }}
                  >
                    {h.status === 'enabled' ? 'Disable' : 'Enable'}
                  </Button>
                ) : null
              }
            >
              <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
                <StatusBadge status={h.state === 'up' ? 'up' : 'down'} label={h.state === 'up' ? 'Up' : 'Down'} />
                <StatusBadge status={h.status} label={h.status === 'enabled' ? 'Enabled' : 'Disabled'} />
                <DriverBadge driver={h.driver} />
                <span className="text-fg-muted">{h.runningVms} instance{h.runningVms === 1 ? '' : 's'}</span>
                <span className="text-xs text-fg-subtle">last heartbeat {h.lastSeenAt ? formatTime(h.lastSeenAt, true) : 'never'}</span>
              </div>
              {h.disabledReason ? <p className="mb-2 text-sm text-fg-muted">Disabled: {h.disabledReason}</p> : null}
              <div className="flex flex-col gap-3">
                <UsageBar label={`vCPUs (×${h.vcpus.ratio} overcommit)`} used={h.vcpus.used} limit={Math.floor(h.vcpus.total * h.vcpus.ratio)} />
                <UsageBar label={`RAM (×${h.memoryMb.ratio})`} used={h.memoryMb.used} limit={Math.floor(h.memoryMb.total * h.memoryMb.ratio)} unit=" MB" />
                <UsageBar label={`Disk (×${h.localGb.ratio})`} used={h.localGb.used} limit={Math.floor(h.localGb.total * h.localGb.ratio)} unit=" GB" />
              </div>
            </Panel>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={disabling !== undefined}
        onOpenChange={(o) => {
          if (!o) setDisabling(undefined);
        }}
        title={`Disable ${disabling?.name ?? ''}?`}
        description="The scheduler stops placing new instances on it; running instances keep running."
        confirmLabel="Disable"
        onConfirm={async () => {
          if (!disabling) return;
          await setEnabled.mutateAsync({ id: disabling.id, enabled: false, ...(reason.trim() ? { reason: reason.trim() } : {}) });
          toast({ title: `${disabling.name} disabled` });
        }}
      >
        <TextField label="Reason" name="reason" description="Optional; shown to other admins." value={reason} onChange={(e) => setReason(e.target.value)} maxLength={255} />
      </ConfirmDialog>
    </>
  );
}
