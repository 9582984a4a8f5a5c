'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Eye, Pencil, Plus, Power, Trash2, Users } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, StatusBadge, useToast, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { enabledFilter, listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { ProjectFormDialog, type EditableProject } from './project-form-dialog';
import { projectsListInput, projectsTableSpec, type ProjectsListInput } from './spec';

export type ProjectsInitial = Initial<ProjectsListInput, RouterOutputs['identity']['projects']['list']>;

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  domainName: string;
}

type Columns = ResourceTableProps<ProjectRow>['columns'];

const COLUMNS: Columns = [
  {
    id: 'name',
    accessorFn: (r) => r.name,
    header: 'Name',
    cell: ({ row }) => (
      <Link href={`/projects/${row.original.id}`} className="font-medium text-primary hover:underline">
        {row.original.name}
      </Link>
    ),
    meta: { className: 'max-w-[16rem] truncate' },
  },
  { id: 'description', accessorFn: (r) => r.description, header: 'Description', cell: ({ row }) => row.original.description || <span className="text-fg-subtle">—</span>, meta: { className: 'max-w-[20rem] truncate text-fg-muted' } },
  { id: 'domain', accessorFn: (r) => r.domainName, header: 'Domain', cell: ({ row }) => row.original.domainName },
  {
    id: 'enabled',
    accessorFn: (r) => r.enabled,
    header: 'Enabled',
    cell: ({ row }) => <StatusBadge status={row.original.enabled ? 'enabled' : 'disabled'} label={row.original.enabled ? 'Yes' : 'No'} />,
  },
  { id: 'id', accessorFn: (r) => r.id, header: 'ID', cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.id}</span> },
];

/** Identity → Projects: server-paged, sorted and filtered; the URL holds the state. */
export function ProjectsTable({ initial, currentProjectId }: { initial?: ProjectsInitial; currentProjectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const table = useTableUrlState(projectsTableSpec);
  const input = projectsListInput(table.state);
  const list = useQuery(
    trpc.identity.projects.list.queryOptions(input, {
      placeholderData: keepPreviousData,
      initialData: initialData(initial, input),
    }),
  );
  const [editing, setEditing] = useState<EditableProject | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<ProjectRow | undefined>();
  const invalidate = () => queryClient.invalidateQueries(trpc.identity.projects.pathFilter());
  const update = useMutation(trpc.identity.projects.update.mutationOptions({ onSettled: invalidate }));
  // `mutate` is stable across renders (unlike the mutation object), so the row actions memoize.
  const setEnabled = update.mutate;
  const remove = useMutation(trpc.identity.projects.delete.mutationOptions({ onSuccess: invalidate }));
  const can = list.data?.can;

  const rowActions = useMemo(() => {
    if (!can) return undefined;
    return (row: ProjectRow): ActionItem[] => {
      const items: ActionItem[] = [
        can.grant
          ? { id: 'members', label: 'Manage members', icon: <Users />, onSelect: () => router.push(`/projects/${row.id}`) }
          : { id: 'view', label: 'View details', icon: <Eye />, onSelect: () => router.push(`/projects/${row.id}`) },
      ];
      if (can.update) {
        items.push({
          id: 'edit',
          label: 'Edit project',
          icon: <Pencil />,
          onSelect: () => {
            setEditing(row);
            setFormOpen(true);
          },
        });
        const isCurrent = row.id === currentProjectId;
        items.push({
          id: 'toggle',
          label: row.enabled ? 'Disable project' : 'Enable project',
          icon: <Power />,
          disabled: row.enabled && isCurrent,
          disabledReason: 'You are signed in to this project; switch to another project first.',
          onSelect: () => {
            setEnabled(
              { id: row.id, enabled: !row.enabled },
              {
                onSuccess: () => toast({ title: `Project ${row.name} ${row.enabled ? 'disabled' : 'enabled'}` }),
                onError: (err) => toast({ tone: 'error', title: `Could not update ${row.name}`, description: err.message }),
              },
            );
          },
        });
      }
      if (can.delete) {
        items.push({
          id: 'delete',
          label: 'Delete project',
          icon: <Trash2 />,
          danger: true,
          separatorBefore: true,
          disabled: row.id === currentProjectId,
          disabledReason: 'You are signed in to this project; switch to another project first.',
          onSelect: () => setDeleting(row),
        });
      }
      return items;
    };
  }, [can, currentProjectId, router, toast, setEnabled]);

  return (
    <>
      <ResourceTable<ProjectRow>
        label="Projects"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `project ${r.name}`}
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
              Create Project
            </Button>
          ) : null
        }
        emptyState={<EmptyState title="No projects yet" description={can?.create ? 'Create a project to give users a place for their resources.' : 'You hold no role on any project.'} />}
      />
      <ProjectFormDialog open={formOpen} onOpenChange={setFormOpen} project={editing} isCurrent={editing?.id === currentProjectId} />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={`Delete project ${deleting?.name ?? ''}?`}
        description="Its role assignments and application credentials are deleted with it, and every token scoped to it stops working. This cannot be undone."
        confirmLabel="Delete Project"
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          toast({ title: `Project ${deleting.name} deleted` });
        }}
      />
    </>
  );
}
