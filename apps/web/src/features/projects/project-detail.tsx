'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus, Power, Trash2, User, UsersRound } from 'lucide-react';
import {
  Badge, Button, ConfirmDialog, DescriptionList, EmptyState, Panel, ResourceTable, Skeleton, StatusBadge, useToast,
  type ResourceTableProps,
} from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import { AssignmentDialog } from './assignment-dialog';
import { ProjectFormDialog } from './project-form-dialog';

type Project = RouterOutputs['identity']['projects']['get'];
type Assignment = RouterOutputs['identity']['projects']['assignments'][number];

const COLUMNS: ResourceTableProps<Assignment>['columns'] = [
  {
    id: 'actor',
    header: 'User or group',
    cell: ({ row }) => (
      <span className="inline-flex items-center gap-2">
        {row.original.actorType === 'user' ? (
          <User aria-hidden="true" className="size-4 text-fg-subtle" />
        ) : (
          <UsersRound aria-hidden="true" className="size-4 text-fg-subtle" />
        )}
        <span className="font-medium">{row.original.actorName}</span>
      </span>
    ),
  },
  { id: 'type', header: 'Type', cell: ({ row }) => (row.original.actorType === 'user' ? 'User' : 'Group') },
  {
    id: 'role',
    header: 'Role',
    cell: ({ row }) => (
      <span className="inline-flex items-center gap-1.5">
        <Badge tone="primary">{row.original.roleName}</Badge>
        {row.original.inherited ? <Badge>Inherited to subprojects</Badge> : null}
      </span>
    ),
  },
];

/** A project's properties and its role assignments (users and groups × roles). */
export function ProjectDetail({ initial, currentProjectId }: { initial: Project; currentProjectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.identity.projects.get.queryOptions({ id: initial.id }, { initialData: initial })).data ?? initial;
  const can = project.can;
  const assignments = useQuery({ ...trpc.identity.projects.assignments.queryOptions({ projectId: project.id }), enabled: can.listAssignments });
  const invalidate = () => queryClient.invalidateQueries(trpc.identity.projects.pathFilter());
  const update = useMutation(trpc.identity.projects.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.identity.projects.delete.mutationOptions());
  const revoke = useMutation(trpc.identity.projects.revoke.mutationOptions({ onSuccess: invalidate }));
  const [editOpen, setEditOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [grantOpen, setGrantOpen] = useState(false);
  const [revoking, setRevoking] = useState<Assignment | undefined>();
  const isCurrent = project.id === currentProjectId;

  return (
    <div className="flex flex-col gap-5">
      <Panel
        title="Properties"
        actions={
          <>
            {can.update ? (
              <>
                <Button size="sm" icon={<Pencil className="size-4" />} onClick={() => setEditOpen(true)}>Edit Project</Button>
                <Button
                  size="sm"
                  icon={<Power className="size-4" />}
                  loading={update.isPending}
                  disabled={project.enabled && isCurrent}
                  title={project.enabled && isCurrent ? 'You are signed in to this project; switch to another project first.' : undefined}
                  onClick={() =>
                    update.mutate(
                      { id: project.id, enabled: !project.enabled },
                      {
                        onSuccess: () => toast({ title: `Project ${project.name} ${project.enabled ? 'disabled' : 'enabled'}` }),
                        onError: (err) => toast({ tone: 'error', title: 'Could not update the project', description: err.message }),
                      },
                    )
                  }
                >
                  {project.enabled ? 'Disable Project' : 'Enable Project'}
                </Button>
              </>
            ) : null}
            {can.delete ? (
              <Button size="sm" variant="danger" icon={<Trash2 className="size-4" />} disabled={isCurrent} onClick={() => setDeleteOpen(true)}>
                Delete Project
              </Button>
            ) : null}
          </>
        }
      >
        <DescriptionList
          items={[
            { label: 'Name', value: project.name },
            { label: 'ID', value: project.id, mono: true },
            { label: 'Description', value: project.description || '—' },
            { label: 'Domain', value: project.domainName },
            { label: 'Parent project', value: project.parent?.name ?? '— (top level)' },
            { label: 'Enabled', value: <StatusBadge status={project.enabled ? 'enabled' : 'disabled'} label={project.enabled ? 'Yes' : 'No'} /> },
          ]}
        />
      </Panel>

      {can.listAssignments ? (
        <div className="flex flex-col gap-2">
        <h2 className="text-base font-semibold text-fg">Role assignments</h2>
        <ResourceTable<Assignment>
          label="Role assignments"
          columns={COLUMNS}
          data={assignments.data}
          getRowId={(r) => r.key}
          getRowLabel={(r) => `${r.roleName} for ${r.actorName}`}
          loading={assignments.isFetching}
          error={assignments.error ? { message: assignments.error.message } : null}
          onRetry={() => void assignments.refetch()}
          onRefresh={() => void assignments.refetch()}
          skeletonRows={3}
          rowActions={
            can.revoke
              ? (row) => [{ id: 'remove', label: 'Remove assignment', icon: <Trash2 />, danger: true, onSelect: () => setRevoking(row) }]
              : undefined
          }
          toolbar={
            can.grant ? (
              <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setGrantOpen(true)}>
                Add Role Assignment
              </Button>
            ) : null
          }
          emptyState={<EmptyState title="No role assignments" description="Nobody holds a role on this project yet, so nobody can use it." />}
        />
        </div>
      ) : (
        <Panel title="Role assignments">
          <p className="text-sm text-fg-muted">Only administrators can see who holds roles on this project.</p>
        </Panel>
      )}

      <ProjectFormDialog open={editOpen} onOpenChange={setEditOpen} project={project} isCurrent={isCurrent} />
      <AssignmentDialog open={grantOpen} onOpenChange={setGrantOpen} projectId={project.id} projectName={project.name} />
      <ConfirmDialog
        open={revoking !== undefined}
        onOpenChange={(open) => {
          if (!open) setRevoking(undefined);
        }}
        title="Remove role assignment?"
        description={revoking ? `${revoking.actorName} loses the ${revoking.roleName} role on ${project.name}; tokens that relied on it stop working.` : undefined}
        confirmLabel="Remove Assignment"
        tone="danger"
        onConfirm={async () => {
          if (!revoking) return;
          await revoke.mutateAsync({ projectId: project.id, actorType: revoking.actorType, actorId: revoking.actorId, roleId: revoking.roleId });
          toast({ title: `Removed ${revoking.roleName} from ${revoking.actorName}` });
        }}
      />
      <ConfirmDialog
        open={deleteOpen}
        onOpenChange={setDeleteOpen}
        title={`Delete project ${project.name}?`}
        description="Its role assignments and application credentials are deleted with it, and every token scoped to it stops working. This cannot be undone."
        confirmLabel="Delete Project"
        tone="danger"
        onConfirm={async () => {
          await remove.mutateAsync({ id: project.id });
          toast({ title: `Project ${project.name} deleted` });
          await queryClient.invalidateQueries(trpc.identity.projects.list.pathFilter());
          router.push('/projects');
        }}
      />
    </div>
  );
}

/** Shown by the route's loading.tsx while the server renders the page. */
export function ProjectDetailSkeleton() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <Skeleton className="h-7 w-56" />
      <Skeleton className="h-56 w-full rounded-lg" />
      <Skeleton className="h-40 w-full rounded-lg" />
    </div>
  );
}
