import { queryBoolean } from '@nimbus/core/identity/resources/common';
import { getHypervisor, hypervisorStatistics, hypervisorUptime, listAggregates, listHypervisors, searchHypervisors, type Hypervisor, type ListHypervisorsInput } from '@nimbus/core/compute/hypervisors';
import type { RestRequest, RouteDef } from '../router';
import { param } from '../identity/resources/http';
import { nextLinks, queryInt } from './flavors';
import { versioned, type Microversion } from './microversion';

function summary(h: Hypervisor) {
  return {
    id: h.node.id,
    hypervisor_hostname: h.node.name,
    state: h.node.state === 'up' ? 'up' : 'down',
    status: h.node.enabled ? 'enabled' : 'disabled',
    ...(h.servers ? { servers: h.servers.map((s) => ({ uuid: s.id, name: s.name })) } : {}),
  };
}

/** Nova's hypervisor detail; `cpu_info` is a JSON string before 2.28 and an object from it on. */
function detail(h: Hypervisor, v: Microversion) {
  const n = h.node;
  const cpuInfo = (n.driver as Record<string, unknown> | null)?.cpuInfo ?? {};
  return {
    ...summary(h),
    vcpus: n.vcpus,
    memory_mb: n.memoryMb,
    local_gb: n.localGb,
    vcpus_used: h.vcpusUsed,
    memory_mb_used: h.memoryMbUsed,
    local_gb_used: h.localGbUsed,
    hypervisor_type: n.hypervisorType,
    hypervisor_version: n.hypervisorVersion,
    free_ram_mb: n.memoryMb - h.memoryMbUsed,
    free_disk_gb: n.localGb - h.localGbUsed,
    current_workload: 0,
    running_vms: h.runningVms,
    disk_available_least: n.localGb - h.localGbUsed,
    host_ip: n.hostIp,
    cpu_info: v.atLeast('2.28') ? cpuInfo : JSON.stringify(cpuInfo),
    service: { host: n.name, id: n.id, disabled_reason: n.disabledReason },
  };
}

function listInput(req: RestRequest, v: Microversion): ListHypervisorsInput {
  const input: ListHypervisorsInput = {};
  if (v.atLeast('2.33')) {
    const limit = queryInt(req, 'limit', 0, (x) => `Invalid input for query parameters limit. Value: ${x}. '${x}' does not match '^[0-9]*$'`);
    if (limit !== undefined) input.limit = Math.min(Math.max(limit, 1), 1000);
    input.marker = req.query.get('marker') ?? undefined;
  }
  if (v.atLeast('2.53')) {
    input.hostnamePattern = req.query.get('hypervisor_hostname_pattern') ?? undefined;
    input.withServers = queryBoolean(req.query.get('with_servers')) ?? false;
  }
  return input;
}

const BASE = '/v2.1/os-hypervisors';

export const hypervisorRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: BASE,
    handler: versioned(async (req, v) => {
      const page = await listHypervisors(req.ctx, listInput(req, v));
      return { status: 200, body: { hypervisors: page.items.map(summary), ...nextLinks(req, 'hypervisors', page.nextMarker) } };
    }),
  },
  {
    method: 'GET',
    path: `${BASE}/detail`,
    handler: versioned(async (req, v) => {
      const page = await listHypervisors(req.ctx, listInput(req, v), true);
      return { status: 200, body: { hypervisors: page.items.map((h) => detail(h, v)), ...nextLinks(req, 'hypervisors', page.nextMarker) } };
    }),
  },
  {
    method: 'GET',
    path: `${BASE}/statistics`,
    handler: versioned(async (req) => {
      const s = await hypervisorStatistics(req.ctx);
      return {
        status: 200,
        body: {
          hypervisor_statistics: {
            count: s.count,
            vcpus: s.vcpus,
            memory_mb: s.memoryMb,
            local_gb: s.localGb,
            vcpus_used: s.vcpusUsed,
            memory_mb_used: s.memoryMbUsed,
            local_gb_used: s.localGbUsed,
            free_ram_mb: s.memoryMb - s.memoryMbUsed,
            free_disk_gb: s.localGb - s.localGbUsed,
            current_workload: 0,
            running_vms: s.runningVms,
            disk_available_least: s.localGb - s.localGbUsed,
          },
        },
      };
    }),
  },
  {
    method: 'GET',
    path: `${BASE}/:hypervisor_id`,
    handler: versioned(async (req, v) => {
      const withServers = v.atLeast('2.53') && (queryBoolean(req.query.get('with_servers')) ?? false);
      return { status: 200, body: { hypervisor: detail(await getHypervisor(req.ctx, param(req, 'hypervisor_id'), withServers), v) } };
    }),
  },
  {
    method: 'GET',
    path: `${BASE}/:pattern/search`,
    handler: versioned(async (req) => ({ status: 200, body: { hypervisors: (await searchHypervisors(req.ctx, param(req, 'pattern'), false)).map(summary) } }), { max: '2.52' }),
  },
  {
    method: 'GET',
    path: `${BASE}/:pattern/servers`,
    handler: versioned(async (req) => ({ status: 200, body: { hypervisors: (await searchHypervisors(req.ctx, param(req, 'pattern'), true)).map(summary) } }), { max: '2.52' }),
  },
  {
    method: 'GET',
    path: `${BASE}/:hypervisor_id/uptime`,
    handler: versioned(async (req) => hypervisorUptime(req.ctx, param(req, 'hypervisor_id'))),
  },
  {
    method: 'GET',
    path: '/v2.1/os-aggregates',
    handler: versioned(async (req) => ({ status: 200, body: { aggregates: await listAggregates(req.ctx) } })),
  },
];
