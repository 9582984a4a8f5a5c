'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ResourceTable, StatusBadge, TextField, useDebouncedCallback, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { auditListInput, auditTableSpec, type AuditListInput } from './spec';

type AuditPage = RouterOutputs['admin']['auditEvents'];
export type AuditInitial = Initial<AuditListInput, AuditPage>;
type EventRow = AuditPage['items'][number];

const dash = <span className="text-fg-subtle">—</span>;

const COLUMNS: ResourceTableProps<EventRow>['columns'] = [
  { id: 'time', accessorFn: (r) => r.time, header: 'Time (UTC)', cell: ({ row }) => <span className="tabular-nums">{formatTime(row.original.time, true).replace(' UTC', '')}</span> },
  { id: 'user', accessorFn: (r) => r.userName, header: 'User', cell: ({ row }) => row.original.userName ?? dash },
  { id: 'project', header: 'Project', enableSorting: false, cell: ({ row }) => row.original.projectName ?? row.original.projectId ?? dash },
  { id: 'action', accessorFn: (r) => r.action, header: 'Action', cell: ({ row }) => <span className="font-mono text-xs">{row.original.action}</span>, meta: { className: 'max-w-[22rem] truncate' } },
  {
    id: 'target',
    header: 'Target',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="text-fg-muted">
        {row.original.targetType}
        {row.original.targetId ? <span className="ml-1 font-mono text-xs">{row.original.targetId.slice(0, 12)}</span> : null}
      </span>
    ),
  },
  {
    id: 'outcome',
    accessorFn: (r) => r.outcome,
    header: 'Outcome',
    cell: ({ row }) => <StatusBadge status={row.original.outcome === 'success' ? 'success' : 'failed'} label={row.original.outcome === 'success' ? 'Success' : 'Failure'} />,
  },
  { id: 'status', accessorFn: (r) => r.status, header: 'Status', cell: ({ row }) => <span className="tabular-nums">{row.original.status}</span> },
  { id: 'requestId', header: 'Request ID', enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs text-fg-muted">{row.original.requestId}</span> },
];

/** Admin → Audit Log: every mutating call, newest first; filters live in the URL. */
export function AuditTable({ initial }: { initial?: AuditInitial }) {
  const trpc = useTRPC();
  const table = useTableUrlState(auditTableSpec);
  const input = auditListInput(table.state);
  const list = useQuery(trpc.admin.auditEvents.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const f = table.state.filters;
  // The box follows the URL when it changes from outside (Back, "Clear filters"), but not when the
  // URL merely catches up with what is being typed.
  const [user, setUser] = useState(f.user);
  const [seen, setSeen] = useState(f.user);
  const [emitted, setEmitted] = useState(f.user);
  if (seen !== f.user) {
    setSeen(f.user);
    if (f.user !== emitted) setUser(f.user);
  }
  const emitUser = useDebouncedCallback((value: string) => {
    setEmitted(value.trim());
    table.update({ filters: { user: value.trim() } });
  }, 300);
  const anyFilter = Boolean(table.state.q || f.user || f.outcome || f.from || f.to);

  return (
    <div className="flex flex-col gap-3">
      <div role="group" aria-label="Audit log filters" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_auto] lg:items-end">
        <TextField
          label="User"
          name="user"
          placeholder="Name or ID"
          value={user}
          onChange={(e) => {
            setUser(e.target.value);
            emitUser(e.target.value);
          }}
        />
        <TextField label="From (UTC)" name="from" type="datetime-local" value={f.from} onChange={(e) => table.update({ filters: { from: e.target.value } })} />
        <TextField label="To (UTC)" name="to" type="datetime-local" value={f.to} onChange={(e) => table.update({ filters: { to: e.target.value } })} />
        <Button
          variant="ghost"
          disabled={!anyFilter}
          onClick={() => table.update({ q: '', filters: { user: '', outcome: '', from: '', to: '' } })}
        >
          Clear filters
        </Button>
      </div>
      <ResourceTable<EventRow>
        label="Audit events"
        columns={COLUMNS}
        getRowId={(r) => r.id}
        getRowLabel={(r) => `${r.action} at ${formatTime(r.time, true)}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by action"
        selectFilters={[
          {
            id: 'outcome',
            label: 'Outcome',
            allLabel: 'All outcomes',
            options: [
              { value: 'success', label: 'Success' },
              { value: 'failure', label: 'Failure' },
            ],
            value: f.outcome,
            onChange: (value) => table.update({ filters: { outcome: value } }),
          },
        ]}
      />
    </div>
  );
}
