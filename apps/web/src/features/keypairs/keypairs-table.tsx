'use client';

import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, Plus, Trash2, Upload } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { KeyPairDialog, type KeyPairMode } from './keypair-dialog';
import { keyPairsListInput, keyPairsTableSpec, type KeyPairsListInput } from './spec';

type List = RouterOutputs['compute']['keyPairs']['list'];
export type KeyPairsInitial = Initial<KeyPairsListInput, List>;
type KeyPairRow = List['items'][number];

const COLUMNS: ResourceTableProps<KeyPairRow>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
  { id: 'type', accessorFn: (r) => r.type, header: 'Type', cell: ({ row }) => row.original.type },
  {
    id: 'fingerprint',
    accessorFn: (r) => r.fingerprint,
    header: 'Fingerprint',
    enableSorting: false,
    cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.fingerprint}</span>,
  },
  { id: 'created', accessorFn: (r) => r.createdAt, header: 'Created', cell: ({ row }) => formatTime(row.original.createdAt) },
];

/** Project → Compute → Key Pairs: the signed-in user's key pairs. */
export function KeyPairsTable({ initial }: { initial?: KeyPairsInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(keyPairsTableSpec);
  const input = keyPairsListInput(table.state);
  const list = useQuery(trpc.compute.keyPairs.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [mode, setMode] = useState<KeyPairMode | undefined>();
  const [deleting, setDeleting] = useState<KeyPairRow | undefined>();
  const remove = useMutation(trpc.compute.keyPairs.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.keyPairs.pathFilter()) }));
  const can = list.data?.can;

  const rowActions = useMemo(() => {
    if (!can) return undefined;
    return (row: KeyPairRow): ActionItem[] => {
      const items: ActionItem[] = [
        { id: 'copy', label: 'Copy public key', icon: <Copy />, onSelect: () => void navigator.clipboard?.writeText(row.publicKey).then(() => toast({ title: 'Public key copied' })) },
      ];
      if (can.delete) items.push({ id: 'delete', label: 'Delete key pair', icon: <Trash2 />, danger: true, separatorBefore: true, onSelect: () => setDeleting(row) });
      return items;
    };
  }, [can, toast]);

  return (
    <>
      <ResourceTable<KeyPairRow>
        label="Key Pairs"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `key pair ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or fingerprint"
        rowActions={rowActions}
        toolbar={
          can?.create ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" icon={<Upload className="size-4" />} onClick={() => setMode('import')}>Import Public Key</Button>
              <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setMode('create')}>Create Key Pair</Button>
            </div>
          ) : null
        }
        emptyState={<EmptyState title="No key pairs yet" description="Create or import a key pair to log in to your instances over SSH." />}
      />
      <KeyPairDialog mode={mode} onOpenChange={(open) => !open && setMode(undefined)} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete key pair ${deleting?.name ?? ''}?`}
        description="Instances launched with it keep the key; new instances can no longer use it."
        confirmLabel="Delete Key Pair"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ name: deleting.name });
          toast({ title: `Key pair ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
