'use client';

import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { ServerGroupDialog } from './server-group-dialog';
import { policyLabel, serverGroupsListInput, serverGroupsTableSpec, type ServerGroupsListInput } from './spec';

type List = RouterOutputs['compute']['serverGroups']['list'];
export type ServerGroupsInitial = Initial<ServerGroupsListInput, List>;
type ServerGroupRow = List['items'][number];

const COLUMNS: ResourceTableProps<ServerGroupRow>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
  {
    id: 'policy',
    accessorFn: (r) => r.policy,
    header: 'Policy',
    cell: ({ row }) => (
      <span>
        {policyLabel(row.original.policy)}
        {row.original.maxServerPerHost ? <span className="text-fg-muted"> (≤ {row.original.maxServerPerHost} per host)</span> : null}
      </span>
    ),
  },
  { id: 'members', accessorFn: (r) => r.members, header: 'Members', enableSorting: false, cell: ({ row }) => row.original.members },
  { id: 'created', accessorFn: (r) => r.createdAt, header: 'Created', cell: ({ row }) => formatTime(row.original.createdAt) },
];

/** Project → Compute → Server Groups: the project's placement groups. */
export function ServerGroupsTable({ initial }: { initial?: ServerGroupsInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(serverGroupsTableSpec);
  const input = serverGroupsListInput(table.state);
  const list = useQuery(trpc.compute.serverGroups.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ServerGroupRow | undefined>();
  const remove = useMutation(trpc.compute.serverGroups.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.serverGroups.pathFilter()) }));
  const can = list.data?.can;

  const rowActions = useMemo(() => {
    if (!can?.delete) return undefined;
    return (row: ServerGroupRow): ActionItem[] => [{ id: 'delete', label: 'Delete server group', icon: <Trash2 />, danger: true, onSelect: () => setDeleting(row) }];
  }, [can]);

  return (
    <>
      <ResourceTable<ServerGroupRow>
        label="Server Groups"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `server group ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        rowActions={rowActions}
        toolbar={
          can?.create ? (
            <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setCreating(true)}>Create Server Group</Button>
          ) : null
        }
        emptyState={<EmptyState title="No server groups yet" description="A server group keeps its instances apart (anti-affinity) or together (affinity). Choose one when you launch an instance." />}
      />
      <ServerGroupDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete server group ${deleting?.name ?? ''}?`}
        description={deleting?.members ? `Its ${deleting.members} member${deleting.members === 1 ? '' : 's'} keep running; they just leave the group.` : 'It has no members.'}
        confirmLabel="Delete Server Group"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Server group ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
