'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Pencil, Plus, Power, Trash2 } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, StatusBadge, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { enabledFilter, listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { PasswordDialog } from './password-dialog';
import { UserFormDialog, type EditableUser } from './user-form-dialog';
import { usersListInput, usersTableSpec, type UsersListInput } from './spec';

type UsersPage = RouterOutputs['identity']['users']['list'];
export type UsersInitial = Initial<UsersListInput, UsersPage>;
type UserRow = UsersPage['items'][number];

const dash = <span className="text-fg-subtle">—</span>;

const COLUMNS: ResourceTableProps<UserRow>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'User Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span>, meta: { className: 'max-w-[14rem] truncate' } },
  { id: 'email', accessorFn: (r) => r.email, header: 'Email', cell: ({ row }) => row.original.email ?? dash, meta: { className: 'max-w-[16rem] truncate' } },
  {
    id: 'defaultProject',
    accessorFn: (r) => r.defaultProject?.name,
    header: 'Default Project',
    cell: ({ row }) =>
      row.original.defaultProject ? (
        <Link href={`/projects/${row.original.defaultProject.id}`} className="text-primary hover:underline">{row.original.defaultProject.name}</Link>
      ) : (
        dash
      ),
  },
  { id: 'domain', accessorFn: (r) => r.domainName, header: 'Domain', cell: ({ row }) => row.original.domainName },
  {
    id: 'enabled',
    accessorFn: (r) => r.enabled,
    header: 'Enabled',
    cell: ({ row }) => <StatusBadge status={row.original.enabled ? 'enabled' : 'disabled'} label={row.original.enabled ? 'Yes' : 'No'} />,
  },
  { id: 'id', accessorFn: (r) => r.id, header: 'ID', cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

const SELF = 'This is you; another administrator must do this.';

/** Identity → Users. */
export function UsersTable({ initial }: { initial?: UsersInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(usersTableSpec);
  const input = usersListInput(table.state);
  const list = useQuery(trpc.identity.users.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<EditableUser | undefined>();
  const [passwordFor, setPasswordFor] = useState<UserRow | undefined>();
  const [deleting, setDeleting] = useState<UserRow | undefined>();
  const invalidate = () => queryClient.invalidateQueries(trpc.identity.users.pathFilter());
  const update = useMutation(trpc.identity.users.update.mutationOptions({ onSettled: invalidate }));
  // `mutate` is stable across renders (unlike the mutation object), so the row actions memoize.
  const setEnabled = update.mutate;
  const remove = useMutation(trpc.identity.users.delete.mutationOptions({ onSuccess: invalidate }));
  const can = list.data?.can;
  const selfId = list.data?.selfId;

  const rowActions = useMemo(() => {
    if (!can || (!can.update && !can.delete)) return undefined;
    return (row: UserRow): ActionItem[] => {
      const self = row.id === selfId;
      const items: ActionItem[] = [];
      if (can.update) {
        items.push(
          {
            id: 'edit',
            label: 'Edit user',
            icon: <Pencil />,
            onSelect: () => {
              setEditing(row);
              setFormOpen(true);
            },
          },
          { id: 'password', label: 'Change password', icon: <KeyRound />, onSelect: () => setPasswordFor(row) },
          {
            id: 'toggle',
            label: row.enabled ? 'Disable user' : 'Enable user',
            icon: <Power />,
            disabled: self && row.enabled,
            disabledReason: SELF,
            onSelect: () =>
              setEnabled(
                { id: row.id, enabled: !row.enabled },
                {
                  onSuccess: () => toast({ title: `User ${row.name} ${row.enabled ? 'disabled' : 'enabled'}` }),
                  onError: (err) => toast({ tone: 'error', title: `Could not update ${row.name}`, description: err.message }),
                },
              ),
          },
        );
      }
      if (can.delete) {
        items.push({ id: 'delete', label: 'Delete user', icon: <Trash2 />, danger: true, separatorBefore: true, disabled: self, disabledReason: SELF, onSelect: () => setDeleting(row) });
      }
      return items;
    };
  }, [can, selfId, toast, setEnabled]);

  return (
    <>
      <ResourceTable<UserRow>
        label="Users"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `user ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        selectFilters={[enabledFilter(table)]}
        rowActions={rowActions}
        toolbar={
          can?.create ? (
            <Button
              variant="primary"
              icon={<Plus className="size-4" />}
              onClick={() => {
                setEditing(undefined);
                setFormOpen(true);
              }}
            >
              Create User
            </Button>
          ) : null
        }
        emptyState={<EmptyState title="No users yet" />}
      />
      <UserFormDialog open={formOpen} onOpenChange={setFormOpen} user={editing} canGrant={can?.grant ?? false} />
      <PasswordDialog user={passwordFor} onClose={() => setPasswordFor(undefined)} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete user ${deleting?.name ?? ''}?`}
        description="Their role assignments, group memberships and application credentials are deleted with them, and their tokens stop working. This cannot be undone."
        confirmLabel="Delete User"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `User ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
