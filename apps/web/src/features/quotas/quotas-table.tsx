'use client';

import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { Button, DescriptionList, Panel, ResourceTable, type ActionItem, type ResourceTableProps } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '../router-types';
import type { Initial } from '../server-page';
import { initialData, initialError } from '../table/initial';
import { listTableProps } from '../table/list-props';
import { useTableUrlState } from '../table/use-table-url-state';
import { QuotaDialog, type QuotaTarget } from './quota-dialog';
import { quotasListInput, quotasTableSpec, type QuotasListInput } from './spec';
import { UsageBar } from './usage-bar';

type List = RouterOutputs['compute']['quotas']['list'];
export type QuotasInitial = Initial<QuotasListInput, List>;
type Row = List['items'][number];

const limitText = (n: number) => (n < 0 ? 'No limit' : n.toLocaleString());

const COLUMNS: ResourceTableProps<Row>['columns'] = [
  { id: 'name', accessorFn: (r) => r.projectName, header: 'Project', cell: ({ row }) => <span className="font-medium">{row.original.projectName}</span> },
  { id: 'instances', header: 'Instances', enableSorting: false, cell: ({ row }) => <UsageBar className="min-w-36" label="Instances" used={row.original.usage.instances} limit={row.original.limits.instances} /> },
  { id: 'cores', header: 'vCPUs', enableSorting: false, cell: ({ row }) => <UsageBar className="min-w-36" label="vCPUs" used={row.original.usage.cores} limit={row.original.limits.cores} /> },
  { id: 'ram', header: 'RAM', enableSorting: false, cell: ({ row }) => <UsageBar className="min-w-40" label="RAM" used={row.original.usage.ram} limit={row.original.limits.ram} unit=" MB" /> },
  {
    id: 'own',
    header: 'Limits',
    enableSorting: false,
    cell: ({ row }) => <span className="text-xs text-fg-muted">{row.original.overridden.length ? `custom: ${row.original.overridden.join(', ')}` : 'defaults'}</span>,
  },
];

/** Admin → Quotas: every project's usage against its limits, edit per project, and the defaults. */
export function QuotasTable({ initial }: { initial?: QuotasInitial }) {
  const trpc = useTRPC();
  const table = useTableUrlState(quotasTableSpec);
  const input = quotasListInput(table.state);
  const list = useQuery(trpc.compute.quotas.list.queryOptions(input, { placeholderData: keepPreviousData, initialData: initialData(initial, input) }));
  const [editing, setEditing] = useState<QuotaTarget | undefined>();
  const defaults = list.data?.defaults;
  const rowActions = useMemo(
    () => (row: Row): ActionItem[] => [
      { id: 'edit', label: 'Edit quotas', icon: <Pencil />, onSelect: () => setEditing({ projectId: row.projectId, title: `Edit Quotas of ${row.projectName}`, limits: row.limits }) },
    ],
    [],
  );
  return (
    <div className="flex flex-col gap-5">
      {defaults ? (
        <Panel
          title="Default quotas"
          description="Apply to every project without its own limit."
          actions={<Button variant="secondary" size="sm" icon={<Pencil className="size-4" />} onClick={() => setEditing({ title: 'Edit Default Quotas', limits: defaults })}>Edit Defaults</Button>}
        >
          <DescriptionList
            items={[
              { label: 'Instances', value: limitText(defaults.instances) },
              { label: 'vCPUs', value: limitText(defaults.cores) },
              { label: 'RAM (MB)', value: limitText(defaults.ram) },
              { label: 'Key pairs (per user)', value: limitText(defaults.key_pairs) },
              { label: 'Metadata items', value: limitText(defaults.metadata_items) },
            ]}
          />
        </Panel>
      ) : null}
      <ResourceTable<Row>
        label="Project quotas"
        columns={COLUMNS}
        getRowId={(r) => r.projectId}
        getRowLabel={(r) => `project ${r.projectName}`}
        {...listTableProps(table, list, initialError(initial, input))}
        filterPlaceholder="Filter by project name or ID"
        rowActions={rowActions}
      />
      <QuotaDialog target={editing} onOpenChange={(o) => !o && setEditing(undefined)} />
    </div>
  );
}
