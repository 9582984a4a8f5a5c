'use client';

import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { Badge, Button, ConfirmDialog, EmptyState, ResourceTable, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { CreateCredentialDialog } from './create-dialog';
import { CreatedCredentialDialog, type CreatedCredential } from './created-dialog';
import { appCredsListInput, appCredsTableSpec, type AppCredsListInput } from './spec';

type CredsPage = RouterOutputs['identity']['appCredentials']['list'];
export type AppCredsInitial = Initial<AppCredsListInput, CredsPage>;
type CredRow = CredsPage['items'][number];

const COLUMNS: ResourceTableProps<CredRow>['columns'] = [
  { id: 'name', accessorFn: (r) => r.name, header: 'Name', cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
  { id: 'project', accessorFn: (r) => r.projectName, header: 'Project', cell: ({ row }) => row.original.projectName },
  {
    id: 'roles',
    header: 'Roles',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="inline-flex gap-1">
        {row.original.roles.map((r) => <Badge key={r.id} tone="primary">{r.name}</Badge>)}
        {row.original.unrestricted ? <Badge tone="warning">unrestricted</Badge> : null}
      </span>
    ),
  },
  {
    id: 'expiresAt',
    accessorFn: (r) => r.expiresAt,
    header: 'Expires',
    cell: ({ row }) => {
      const at = row.original.expiresAt;
      if (!at) return <span className="text-fg-muted">Never</span>;
      return new Date(at).getTime() < Date.now() ? <Badge tone="warning">Expired {formatTime(at)}</Badge> : formatTime(at);
    },
  },
  { id: 'createdAt', accessorFn: (r) => r.createdAt, header: 'Created', cell: ({ row }) => <span className="text-fg-muted">{formatTime(row.original.createdAt)}</span> },
  { id: 'id', header: 'ID', enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

/** Identity → Application Credentials: the signed-in user's own. */
export function AppCredentialsTable({ initial }: { initial?: AppCredsInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const table = useTableUrlState(appCredsTableSpec);
  const input = appCredsListInput(table.state);
  const list = useQuery(trpc.identity.appCredentials.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedCredential | undefined>();
  const [deleting, setDeleting] = useState<CredRow | undefined>();
  const remove = useMutation(trpc.identity.appCredentials.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.appCredentials.pathFilter()) }));
  const data = list.data;
  const can = data?.can;

  const rowActions = useMemo(() => {
    if (!can?.delete) return undefined;
    return (row: CredRow): ActionItem[] => [{ id: 'delete', label: 'Delete application credential', icon: <Trash2 />, danger: true, onSelect: () => setDeleting(row) }];
  }, [can]);

  return (
    <>
      <ResourceTable<CredRow>
        label="Application Credentials"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `application credential ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        rowActions={rowActions}
        toolbar={
          can?.create ? (
            <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setCreateOpen(true)}>
              Create Application Credential
            </Button>
          ) : null
        }
        emptyState={
          <EmptyState
            title="No application credentials"
            description="An application credential lets a script or service use the cloud as you, on one project, without your password."
          />
        }
      />
      {data ? (
        <CreateCredentialDialog
          open={createOpen}
          onOpenChange={setCreateOpen}
          project={data.project}
          roles={data.myRoles}
          onCreated={(c) => {
            setCreateOpen(false);
            setCreated(c);
          }}
        />
      ) : null}
      <CreatedCredentialDialog created={created} onClose={() => setCreated(undefined)} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete application credential ${deleting?.name ?? ''}?`}
        description="Anything signing in with it stops working at once."
        confirmLabel="Delete Application Credential"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Application credential ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
