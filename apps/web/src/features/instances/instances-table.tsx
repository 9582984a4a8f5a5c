'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Eye, Pause, Play, Plus, Power, RotateCcw, ScrollText, Square, Trash2 } from 'lucide-react';
import { Button, ConfirmDialog, EmptyState, ResourceTable, StatusBadge, useToast, type ActionItem, type BatchAction, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import { transitionalInterval, useLiveInvalidate } from '../live/use-live-list';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { NO_PERMISSION, ROW_ACTIONS, stateReason, type ConsoleServerAction } from './actions';
import { LaunchInstanceDialog } from './launch-wizard';
import { instancesListInput, instancesTableSpec, SERVER_STATUSES, type InstancesListInput } from './spec';

type List = RouterOutputs['compute']['servers']['list'];
export type InstancesInitial = Initial<InstancesListInput, List>;
export type InstanceRow = List['items'][number];
type Can = List['can'];

const ICONS: Record<string, React.ReactNode> = {
  start: <Play />,
  stop: <Square />,
  reboot: <RotateCcw />,
  rebootHard: <Power />,
  pause: <Pause />,
  unpause: <Play />,
  suspend: <Pause />,
  resume: <Play />,
};

const PAST: Record<ConsoleServerAction, string> = {
  start: 'starting',
  stop: 'stopping',
  reboot: 'rebooting',
  rebootHard: 'rebooting',
  pause: 'pausing',
  unpause: 'unpausing',
  suspend: 'suspending',
  resume: 'resuming',
  delete: 'deleting',
};

function columns(admin: boolean, base: string): ResourceTableProps<InstanceRow>['columns'] {
  const cols: ResourceTableProps<InstanceRow>['columns'] = [
    {
      id: 'name',
      accessorFn: (r) => r.name,
      header: 'Name',
      cell: ({ row }) => (
        <Link href={`${base}/${row.original.id}`} className="font-medium text-primary hover:underline">
          {row.original.name}
        </Link>
      ),
      meta: { className: 'max-w-[14rem] truncate' },
    },
  ];
  if (admin) cols.push({ id: 'project', accessorFn: (r) => r.projectName, header: 'Project', cell: ({ row }) => row.original.projectName ?? row.original.projectId });
  cols.push(
    { id: 'image', accessorFn: (r) => r.image?.name, header: 'Image', enableSorting: false, cell: ({ row }) => row.original.image?.name ?? row.original.image?.id ?? '—', meta: { className: 'max-w-[12rem] truncate' } },
    {
      id: 'flavor',
      accessorFn: (r) => r.flavor.name,
      header: 'Flavor',
      enableSorting: false,
      cell: ({ row }) => (
        <span title={`${row.original.flavor.vcpus} vCPU, ${row.original.flavor.memoryMb} MB RAM, ${row.original.flavor.rootGb} GB disk`}>{row.original.flavor.name ?? row.original.flavor.id}</span>
      ),
    },
    { id: 'status', accessorFn: (r) => r.status, header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: 'power', accessorFn: (r) => r.powerState, header: 'Power state', enableSorting: false, cell: ({ row }) => <span className="text-xs">{row.original.powerState}</span> },
    { id: 'task', accessorFn: (r) => r.taskState, header: 'Task', enableSorting: false, cell: ({ row }) => row.original.taskState ?? <span className="text-fg-subtle">None</span> },
    { id: 'az', accessorFn: (r) => r.availabilityZone, header: 'Zone', cell: ({ row }) => row.original.availabilityZone ?? '—' },
  );
  if (admin) cols.push({ id: 'host', accessorFn: (r) => r.host, header: 'Host', enableSorting: false, cell: ({ row }) => row.original.host ?? '—' });
  cols.push({ id: 'created', accessorFn: (r) => r.createdAt, header: 'Created', cell: ({ row }) => formatTime(row.original.createdAt) });
  return cols;
}

function batchReason(rows: InstanceRow[], action: 'start' | 'stop' | 'delete', allowed: boolean): string | undefined {
  if (!allowed) return NO_PERMISSION;
  const blocked = rows.find((r) => stateReason(action, r));
  return blocked ? `${blocked.name}: ${stateReason(action, blocked)}` : undefined;
}

/**
 * Project → Instances (and Admin → Instances with `allProjects`): live status without reloading
 * (change notices, and a 2 s poll while any row is transitional), batch and per-row actions
 * limited by state and policy, and the Launch Instance wizard.
 */
export function InstancesTable({ initial, allProjects = false }: { initial?: InstancesInitial; allProjects?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const table = useTableUrlState(instancesTableSpec);
  const input = instancesListInput(table.state, allProjects);
  const list = useQuery(
    trpc.compute.servers.list.queryOptions(input, {
      placeholderData: keepPreviousData,
      initialData: initialData(initial, input),
      refetchInterval: (q) => transitionalInterval(q.state.data?.items, (r) => r.transitional),
    }),
  );
  useLiveInvalidate(['instance'], trpc.compute.servers.pathFilter());
  const [launchOpen, setLaunchOpen] = useState(false);
  const [deleting, setDeleting] = useState<InstanceRow[] | undefined>();
  const invalidate = () => queryClient.invalidateQueries(trpc.compute.servers.pathFilter());
  const act = useMutation(trpc.compute.servers.action.mutationOptions({ onSettled: invalidate }));
  const run = act.mutateAsync;
  const can: Can | undefined = list.data?.can;
  const base = allProjects ? '/admin/instances' : '/project/instances';

  const perform = useMemo(
    () => async (rows: InstanceRow[], action: ConsoleServerAction) => {
      try {
        const result = await run({ ids: rows.map((r) => r.id), action });
        if (result.failed.length) {
          toast({ tone: 'error', title: `Could not ${action} ${result.failed.length} of ${rows.length}`, description: result.failed.map((f) => f.error).join('\n') });
        } else {
          toast({ title: rows.length === 1 ? `Instance ${rows[0]!.name} ${PAST[action]}` : `${rows.length} instances ${PAST[action]}` });
        }
      } catch (err) {
        toast({ tone: 'error', title: `Could not ${action} ${rows.length === 1 ? rows[0]!.name : 'the instances'}`, description: (err as Error).message });
      }
    },
    [run, toast],
  );

  const rowActions = useMemo(() => {
    if (!can) return undefined;
    return (row: InstanceRow): ActionItem[] => {
      const items: ActionItem[] = [
        { id: 'view', label: 'View details', icon: <Eye />, onSelect: () => router.push(`${base}/${row.id}`) },
        {
          id: 'console',
          label: 'View console log',
          icon: <ScrollText />,
          disabled: !can.consoleOutput || stateReason('getConsoleOutput', row) !== undefined || (!row.host && allProjects),
          disabledReason: !can.consoleOutput ? NO_PERMISSION : (stateReason('getConsoleOutput', row) ?? 'The instance has no host yet.'),
          onSelect: () => router.push(`${base}/${row.id}?tab=console`),
        },
      ];
      ROW_ACTIONS.forEach((a, i) => {
        const permitted = can[a.can];
        const reason = permitted ? stateReason(a.action, row) : NO_PERMISSION;
        items.push({
          id: a.action,
          label: a.label,
          icon: ICONS[a.action],
          separatorBefore: i === 0,
          disabled: reason !== undefined,
          ...(reason ? { disabledReason: reason } : {}),
          onSelect: () => void perform([row], a.action),
        });
      });
      const delReason = can.delete ? stateReason('delete', row) : NO_PERMISSION;
      items.push({
        id: 'delete',
        label: 'Delete instance',
        icon: <Trash2 />,
        danger: true,
        separatorBefore: true,
        disabled: delReason !== undefined,
        ...(delReason ? { disabledReason: delReason } : {}),
        onSelect: () => setDeleting([row]),
      });
      return items;
    };
  }, [can, router, base, perform, allProjects]);

  const batchActions = useMemo<BatchAction<InstanceRow>[]>(
    () => [
      { id: 'start', label: 'Start', icon: <Play className="size-4" />, onSelect: (rows) => void perform(rows, 'start'), disabledReason: (rows) => batchReason(rows, 'start', can?.start ?? false) },
      { id: 'stop', label: 'Stop', icon: <Square className="size-4" />, onSelect: (rows) => void perform(rows, 'stop'), disabledReason: (rows) => batchReason(rows, 'stop', can?.stop ?? false) },
      { id: 'delete', label: 'Delete', icon: <Trash2 className="size-4" />, danger: true, onSelect: (rows) => setDeleting(rows), disabledReason: (rows) => batchReason(rows, 'delete', can?.delete ?? false) },
    ],
    [can, perform],
  );

  const cols = useMemo(() => columns(allProjects, base), [allProjects, base]);
  const names = deleting?.map((r) => r.name).join(', ') ?? '';
  return (
    <>
      <ResourceTable<InstanceRow>
        label="Instances"
        columns={cols}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `instance ${r.name}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by name or ID"
        selectFilters={[
          {
            id: 'status',
            label: 'Status',
            allLabel: 'Any status',
            options: SERVER_STATUSES.map((s) => ({ value: s, label: s })),
            value: table.state.filters.status,
            onChange: (value: string) => table.update({ filters: { status: value } }),
          },
        ]}
        rowActions={rowActions}
        batchActions={batchActions}
        toolbar={
          can?.create && !allProjects ? (
            <Button variant="primary" icon={<Plus className="size-4" />} onClick={() => setLaunchOpen(true)}>
              Launch Instance
            </Button>
          ) : null
        }
        emptyState={<EmptyState title="No instances yet" description={allProjects ? 'No project runs an instance.' : 'Launch an instance from an image to get started.'} />}
      />
      {allProjects ? null : <LaunchInstanceDialog open={launchOpen} onOpenChange={setLaunchOpen} />}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={deleting && deleting.length > 1 ? `Delete ${deleting.length} instances?` : `Delete instance ${names}?`}
        description={`${names} will be shut down and removed, with its disks. This cannot be undone.`}
        confirmLabel={deleting && deleting.length > 1 ? 'Delete Instances' : 'Delete Instance'}
        tone="danger"
        onConfirm={async () => {
          if (!deleting) return;
          await perform(deleting, 'delete');
        }}
      />
    </>
  );
}
