'use client';

import { ResourceTable, type ResourceTableProps } from '@nimbus/ui';
import type { EndpointRow } from './session-rc';

const COLUMNS: ResourceTableProps<EndpointRow>['columns'] = [
  { id: 'service', header: 'Service', cell: ({ row }) => <span className="font-medium">{row.original.serviceName}</span> },
  { id: 'type', header: 'Type', cell: ({ row }) => row.original.serviceType },
  { id: 'region', header: 'Region', cell: ({ row }) => row.original.region ?? '—' },
  { id: 'url', header: 'Public URL', cell: ({ row }) => <span className="font-mono text-xs">{row.original.url}</span> },
];

/** The public endpoints of the token's service catalog. */
export function EndpointsTable({ rows }: { rows: EndpointRow[] }) {
  return <ResourceTable<EndpointRow> label="Service endpoints" columns={COLUMNS} data={rows} getRowId={(r) => r.id} getRowLabel={(r) => r.serviceName} />;
}
