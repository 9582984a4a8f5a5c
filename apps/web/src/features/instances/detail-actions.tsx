'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Camera, ChevronDown, Play, Square, Trash2 } from 'lucide-react';
import { ActionMenu, Button, ConfirmDialog, useToast, type ActionItem } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import { NO_PERMISSION, ROW_ACTIONS, stateReason, type ConsoleServerAction } from './actions';
import { SnapshotDialog } from './snapshot-dialog';

type Detail = RouterOutputs['compute']['servers']['get'];

/** The detail page's actions: the same state allow-lists and policy as the table's row menu. */
export function InstanceDetailActions({ server, can, listHref }: { server: Detail['server']; can: Detail['can']; listHref: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [snapshot, setSnapshot] = useState(false);
  const act = useMutation(trpc.compute.servers.action.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.compute.servers.pathFilter()) }));
  const run = (action: ConsoleServerAction) =>
    act.mutateAsync({ ids: [server.id], action }).then(
      () => toast({ title: `Instance ${server.name}: ${action} requested` }),
      (err: Error) => toast({ tone: 'error', title: `Could not ${action} ${server.name}`, description: err.message }),
    );
  const reason = (action: ConsoleServerAction, permitted: boolean) => (permitted ? stateReason(action, server) : NO_PERMISSION);
  const quick = (['start', 'stop'] as const).find((a) => reason(a, can[a]) === undefined);
  const items: ActionItem[] = ROW_ACTIONS.map((a) => {
    const why = reason(a.action, can[a.can]);
    return { id: a.action, label: a.label, disabled: why !== undefined, ...(why ? { disabledReason: why } : {}), onSelect: () => void run(a.action) };
  });
  const snapWhy = can.createImage ? stateReason('createImage', server) : NO_PERMISSION;
  items.push({ id: 'createImage', label: 'Create snapshot', icon: <Camera />, separatorBefore: true, disabled: snapWhy !== undefined, ...(snapWhy ? { disabledReason: snapWhy } : {}), onSelect: () => setSnapshot(true) });
  const delWhy = reason('delete', can.delete);
  items.push({ id: 'delete', label: 'Delete instance', icon: <Trash2 />, danger: true, separatorBefore: true, disabled: delWhy !== undefined, ...(delWhy ? { disabledReason: delWhy } : {}), onSelect: () => setConfirmDelete(true) });
  return (
    <div className="flex flex-wrap gap-2">
      {quick ? (
        <Button variant="secondary" icon={quick === 'start' ? <Play className="size-4" /> : <Square className="size-4" />} loading={act.isPending} onClick={() => void run(quick)}>
          {quick === 'start' ? 'Start' : 'Stop'}
        </Button>
      ) : null}
      <ActionMenu
        label={`Actions for instance ${server.name}`}
        items={items}
        trigger={
          <Button variant="secondary" icon={<ChevronDown className="size-4" />}>
            Actions
          </Button>
        }
      />
      <SnapshotDialog server={server} open={snapshot} onOpenChange={setSnapshot} />
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete instance ${server.name}?`}
        description="It will be shut down and removed, with its disks. This cannot be undone."
        confirmLabel="Delete Instance"
        tone="danger"
        onConfirm={async () => {
          await act.mutateAsync({ ids: [server.id], action: 'delete' });
          toast({ title: `Instance ${server.name} deleting` });
          router.push(listHref);
        }}
      />
    </div>
  );
}
