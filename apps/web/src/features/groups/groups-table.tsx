'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus, Trash2, Users } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { GroupFormDialog, type EditableGroup } from './group-form-dialog';
import { groupsListInput, groupsTableSpec, type GroupsListInput } from './spec';

type GroupsPage = RouterOutputs['identity']['groups']['list'];
export type GroupsInitial = Initial<GroupsListInput, GroupsPage>;
type GroupRow = GroupsPage['items'][number];

const COLUMNS: ResourceTableProps<GroupRow>['columns'] = [
  {
    id: 'name',
    accessorFn: (r) => r.name,
    header: 'Name',
    cell: ({ row }) => <Link href={`/groups/${row.original.id}`} className="font-medium text-primary hover:underline">{row.original.name}</Link>,
  },
  { id: 'description', accessorFn: (r) => r.description, header: 'Description', cell: ({ row }) => row.original.description || <span className="text-fg-subtle">—</span>, meta: { className: 'max-w-[22rem] truncate text-fg-muted' } },
  { id: 'domain', accessorFn: (r) => r.domainName, header: 'Domain', cell: ({ row }) => row.original.domainName },
  { id: 'members', header: 'Members', enableSorting: false, cell: ({ row }) => <span className="tabular-nums">{row.original.memberCount}</span> },
  { id: 'id', accessorFn: (r) => r.id, header: 'ID', cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

/** Identity → Groups. */
export function GroupsTable({ initial }: { initial?: GroupsInitial }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(groupsTableSpec);
  const input = groupsListInput(table.state);
  const list = useQuery(trpc.identity.groups.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<EditableGroup | undefined>();
  const [deleting, setDeleting] = useState<GroupRow | undefined>();
  const remove = useMutation(trpc.identity.groups.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.groups.pathFilter()) }));
  const can = list.data?.can;

  const rowActions = useMemo(() => {
    if (!can) return undefined;
    return (row: GroupRow): ActionItem[] => [
      { id: 'members', label: 'Manage members', icon: <Users />, onSelect: () => router.push(`/groups/${row.id}`) },
      ...(can.update
        ? [{ id: 'edit', label: 'Edit group', icon: <Pencil />, onSelect: () => (setEditing(row), setFormOpen(true)) }]
        : []),
      ...(can.delete ? [{ id: 'delete', label: 'Delete group', icon: <Trash2 />, danger: true, separatorBefore: true, onSelect: () => setDeleting(row) }] : []),
    ];
  }, [can, router]);

  return (
    <>
      <ResourceTable<GroupRow>
        label="Groups"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `group ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        rowActions={rowActions}
        toolbar={
          can?.create ? (
            <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => (setEditing(undefined), setFormOpen(true))}>
              Create Group
            </Button>
          ) : null
        }
        emptyState={<EmptyState title="No groups yet" description="Groups let you grant a role to many users at once." />}
      />
      <GroupFormDialog open={formOpen} onOpenChange={setFormOpen} group={editing} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete group ${deleting?.name ?? ''}?`}
        description="Its members lose the roles they held through the group. The users themselves stay."
        confirmLabel="Delete Group"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Group ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
