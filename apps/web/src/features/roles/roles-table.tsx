'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import {
  Badge, Button, ConfirmDialog, Dialog, EmptyState, FormActions, FormError, FormStack, ResourceTable, TextField, Textarea, useToast,
  type ActionItem, type ResourceTableProps,
} from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { rolesListInput, rolesTableSpec, type RolesListInput } from './spec';

type RolesPage = RouterOutputs['identity']['roles']['list'];
export type RolesInitial = Initial<RolesListInput, RolesPage>;
type RoleRow = RolesPage['items'][number];

const none = <span className="text-fg-subtle">—</span>;

const COLUMNS: ResourceTableProps<RoleRow>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
  {
    id: 'implies',
    header: 'Implies',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.implies.length ? (
        <span className="inline-flex gap-1">{row.original.implies.map((r) => <Badge key={r.id} tone="primary">{r.name}</Badge>)}</span>
      ) : (
        none
      ),
  },
  {
    id: 'impliedBy',
    header: 'Implied by',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.impliedBy.length ? <span className="inline-flex gap-1">{row.original.impliedBy.map((r) => <Badge key={r.id}>{r.name}</Badge>)}</span> : none,
  },
  { id: 'description', accessorFn: (r) => r.description, header: 'Description', cell: ({ row }) => row.original.description || none, meta: { className: 'max-w-[18rem] truncate text-fg-muted' } },
  { id: 'assignments', header: 'Assignments', enableSorting: false, cell: ({ row }) => <span className="tabular-nums">{row.original.assignmentCount}</span> },
  { id: 'id', accessorFn: (r) => r.id, header: 'ID', cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

/** The seeded roles: deleting them would break the defaults every policy rule relies on. */
const BUILT_IN = new Set(['admin', 'member', 'reader']);

/** Identity → Roles, with the inference rules (admin → member → reader) shown per role. */
export function RolesTable({ initial }: { initial?: RolesInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(rolesTableSpec);
  const input = rolesListInput(table.state);
  const list = useQuery(trpc.identity.roles.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [createOpen, setCreateOpen] = useState(false);
  const [deleting, setDeleting] = useState<RoleRow | undefined>();
  const remove = useMutation(trpc.identity.roles.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.roles.pathFilter()) }));
  const can = list.data?.can;

  const rowActions = useMemo(() => {
    if (!can?.delete) return undefined;
    return (row: RoleRow): ActionItem[] => [
      {
        id: 'delete',
        label: 'Delete role',
        icon: <Trash2 />,
        danger: true,
        disabled: BUILT_IN.has(row.name),
        disabledReason: 'A built-in role: the default policy rules depend on it.',
        onSelect: () => setDeleting(row),
      },
    ];
  }, [can]);

  return (
    <>
      <ResourceTable<RoleRow>
        label="Roles"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `role ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        rowActions={rowActions}
        toolbar={can?.create ? <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setCreateOpen(true)}>Create Role</Button> : null}
        emptyState={<EmptyState title="No roles" />}
      />
      <Dialog open={createOpen} onOpenChange={setCreateOpen} title="Create Role" size="sm">
        {createOpen ? <RoleForm onDone={() => setCreateOpen(false)} /> : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete role ${deleting?.name ?? ''}?`}
        description={
          deleting?.assignmentCount
            ? `It is assigned ${deleting.assignmentCount} time(s); those assignments are removed and the tokens relying on them stop working.`
            : 'Nobody holds this role.'
        }
        confirmLabel="Delete Role"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Role ${deleting.name} deleted` });
        }}
      />
    </>
  );
}

function RoleForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: undefined });
  const create = useMutation(trpc.identity.roles.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.roles.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: 'Enter a name' }, form: undefined });
    try {
      await create.mutateAsync({ name, description });
      toast({ title: `Role ${name} created` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, ['name', 'description'], {}, 'name'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Role Name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <Textarea label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={create.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>Create Role</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
