'use client';

import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, StatusBadge, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { FlavorDialog } from './flavor-dialog';
import { flavorsListInput, flavorsTableSpec, type FlavorsListInput } from './spec';

type List = RouterOutputs['compute']['flavors']['list'];
export type FlavorsInitial = Initial<FlavorsListInput, List>;
type FlavorRow = List['items'][number];

const COLUMNS: ResourceTableProps<FlavorRow>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
  { id: 'vcpus', accessorFn: (r) => r.vcpus, header: 'vCPUs', cell: ({ row }) => row.original.vcpus },
  { id: 'ram', accessorFn: (r) => r.ramMb, header: 'RAM', cell: ({ row }) => `${row.original.ramMb} MB` },
  { id: 'disk', accessorFn: (r) => r.diskGb, header: 'Root disk', cell: ({ row }) => `${row.original.diskGb} GB` },
  { id: 'ephemeral', accessorFn: (r) => r.ephemeralGb, header: 'Ephemeral', enableSorting: false, cell: ({ row }) => `${row.original.ephemeralGb} GB` },
  { id: 'public', accessorFn: (r) => r.isPublic, header: 'Public', cell: ({ row }) => <StatusBadge status={row.original.isPublic ? 'enabled' : 'disabled'} label={row.original.isPublic ? 'Yes' : 'No'} /> },
  { id: 'instances', accessorFn: (r) => r.instances, header: 'Instances', enableSorting: false, cell: ({ row }) => row.original.instances },
  { id: 'id', accessorFn: (r) => r.id, header: 'ID', enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

/** Admin → Flavors: create and delete the sizes instances come in. */
export function FlavorsTable({ initial }: { initial?: FlavorsInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(flavorsTableSpec);
  const input = flavorsListInput(table.state);
  const list = useQuery(trpc.compute.flavors.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState<FlavorRow | undefined>();
  const remove = useMutation(trpc.compute.flavors.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.flavors.pathFilter()) }));
  const can = list.data?.can;
  const rowActions = useMemo(() => {
    if (!can?.delete) return undefined;
    return (row: FlavorRow): ActionItem[] => [{ id: 'delete', label: 'Delete flavor', icon: <Trash2 />, danger: true, onSelect: () => setDeleting(row) }];
  }, [can]);
  return (
    <>
      <ResourceTable<FlavorRow>
        label="Flavors"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `flavor ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        selectFilters={[
          {
            id: 'public',
            label: 'Public',
            allLabel: 'Public and private',
            options: [
              { value: 'true', label: 'Public' },
              { value: 'false', label: 'Private' },
            ],
            value: table.state.filters.public,
            onChange: (value: string) => table.update({ filters: { public: value } }),
          },
        ]}
        rowActions={rowActions}
        toolbar={can?.create ? <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setOpen(true)}>Create Flavor</Button> : null}
        emptyState={<EmptyState title="No flavors" description="Create a flavor so projects can launch instances." />}
      />
      <FlavorDialog open={open} onOpenChange={setOpen} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(o) => {
          if (!o) setDeleting(undefined);
        }}
        title={`Delete flavor ${deleting?.name ?? ''}?`}
        description={deleting?.instances ? `${deleting.instances} instance(s) use it; they keep running with their size.` : 'No new instances can use it.'}
        confirmLabel="Delete Flavor"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Flavor ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
