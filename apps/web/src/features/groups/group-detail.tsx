'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Trash2, UserMinus, UserPlus } from 'lucide-react';
import {
  Button, ConfirmDialog, DescriptionList, Dialog, EmptyState, FormActions, FormError, FormStack, Panel, ResourceTable, Select, StatusBadge, useToast,
  type ResourceTableProps,
} from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf } from '../forms/server-errors';
import type { RouterOutputs } from '../router-types';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { GroupFormDialog } from './group-form-dialog';
import { membersListInput, membersTableSpec } from './spec';

type Group = RouterOutputs['identity']['groups']['get'];
type Member = RouterOutputs['identity']['groups']['members']['items'][number];

const COLUMNS: ResourceTableProps<Member>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'User Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
  { id: 'email', accessorFn: (r) => r.email, header: 'Email', cell: ({ row }) => row.original.email ?? <span className="text-fg-subtle">—</span> },
  {
    id: 'enabled',
    accessorFn: (r) => r.enabled,
    header: 'Enabled',
    cell: ({ row }) => <StatusBadge status={row.original.enabled ? 'enabled' : 'disabled'} label={row.original.enabled ? 'Yes' : 'No'} />,
  },
  { id: 'id', header: 'ID', enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

/** A group's properties and its members (server-paged; the URL holds the members' page and filter). */
export function GroupDetail({ initial }: { initial: Group }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const group = useQuery(trpc.identity.groups.get.queryOptions({ id: initial.id }, { initialData: initial })).data ?? initial;
  const table = useTableUrlState(membersTableSpec);
  const members = useQuery(trpc.identity.groups.members.queryOptions(membersListInput(group.id, table.state), { placeholderData: keepPreviousData }));
  const invalidate = () => queryClient.invalidateQueries(trpc.identity.groups.pathFilter());
  const remove = useMutation(trpc.identity.groups.delete.mutationOptions());
  const removeMember = useMutation(trpc.identity.groups.removeMember.mutationOptions({ onSuccess: invalidate }));
  const [editOpen, setEditOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const [removing, setRemoving] = useState<Member | undefined>();
  const can = group.can;

  return (
    <div className="flex flex-col gap-5">
      <Panel
        title="Properties"
        actions={
          <>
            {can.update ? <Button size="sm" icon={<Pencil className="size-4" />} onClick={() => setEditOpen(true)}>Edit Group</Button> : null}
            {can.delete ? (
              <Button size="sm" variant="danger" icon={<Trash2 className="size-4" />} onClick={() => setDeleteOpen(true)}>Delete Group</Button>
            ) : null}
          </>
        }
      >
        <DescriptionList
          items={[
            { label: 'Name', value: group.name },
            { label: 'ID', value: group.id, mono: true },
            { label: 'Description', value: group.description || '—' },
            { label: 'Domain', value: group.domainName },
          ]}
        />
      </Panel>
      <div className="flex flex-col gap-2">
        <h2 className="text-base font-semibold text-fg">Members</h2>
        <ResourceTable<Member>
          label="Group members"
          columns={COLUMNS}
          getRowId={(r) => r.id}
          getRowLabel={(r) => `member ${r.name}`}
          {...listTableProps(table, members)}
          filterPlaceholder="Filter members by name"
          rowActions={
            can.removeMember ? (row) => [{ id: 'remove', label: 'Remove from group', icon: <UserMinus />, danger: true, onSelect: () => setRemoving(row) }] : undefined
          }
          toolbar={
            can.addMember ? (
              <Button variant="primary" icon={<UserPlus className="size-4" />} onClick={() => setAddOpen(true)}>Add Member</Button>
            ) : null
          }
          emptyState={<EmptyState title="No members" description="Add users to give them the roles this group holds." />}
        />
      </div>
      <GroupFormDialog open={editOpen} onOpenChange={setEditOpen} group={group} />
      <Dialog open={addOpen} onOpenChange={setAddOpen} title="Add Member" description={`Add a user to group ${group.name}.`} size="sm">
        {addOpen ? <AddMemberForm groupId={group.id} onDone={() => setAddOpen(false)} /> : null}
      </Dialog>
      <ConfirmDialog
        open={removing !== undefined}
        onOpenChange={(open) => {
          if (!open) setRemoving(undefined);
        }}
        title={`Remove ${removing?.name ?? ''} from ${group.name}?`}
        description="They lose the roles they held through this group; their tokens that relied on them stop working."
        confirmLabel="Remove Member"
        tone="danger"
        onConfirm={async () => {
          if (!removing) return;
          await removeMember.mutateAsync({ groupId: group.id, userId: removing.id });
          toast({ title: `${removing.name} removed from ${group.name}` });
        }}
      />
      <ConfirmDialog
        open={deleteOpen}
        onOpenChange={setDeleteOpen}
        title={`Delete group ${group.name}?`}
        description="Its members lose the roles they held through the group. The users themselves stay."
        confirmLabel="Delete Group"
        tone="danger"
        onConfirm={async () => {
          await remove.mutateAsync({ id: group.id });
          toast({ title: `Group ${group.name} deleted` });
          await invalidate();
          router.push('/groups');
        }}
      />
    </div>
  );
}

function AddMemberForm({ groupId, onDone }: { groupId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<{ field?: string | undefined; form?: string | undefined }>({});
  const users = useQuery(trpc.identity.lookups.queryOptions({ users: true }));
  const add = useMutation(trpc.identity.groups.addMember.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.groups.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) return setError({ field: 'Choose a user' });
    try {
      await add.mutateAsync({ groupId, userId });
      toast({ title: `${users.data?.users.find((u) => u.id === userId)?.name ?? 'User'} added` });
      onDone();
    } catch (err) {
      const errors = formErrorsOf(err, ['userId']);
      setError({ field: errors.fields.userId, form: errors.form });
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={error.form} />
        <Select
          label="User"
          name="userId"
          required
          placeholder={users.isLoading ? 'Loading users…' : 'Choose a user'}
          options={(users.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          error={error.field}
        />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={add.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={add.isPending}>Add Member</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
