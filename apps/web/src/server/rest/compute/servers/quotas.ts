import { detailQuotaSet, defaultQuotaSet, getLimits, resetQuotaSet, showQuotaClass, showQuotaSet, updateQuotaClass, updateQuotaSet } from '@nimbus/core/quota/quota-sets';
import type { QuotaValues } from '@nimbus/core/quota/quotas';
import type { RouteDef } from '../../router';
import type { Microversion } from '../microversion';
import { bodyMember, param, route } from './http';

/** Network quotas Nova proxied from Neutron until 2.36: shown as unlimited. */
const NETWORK_KEYS = ['fixed_ips', 'floating_ips', 'security_group_rules', 'security_groups'] as const;
/** Personality (file injection) quotas, gone at 2.57. */
const INJECTED_KEYS = ['injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes'] as const;
const CORE_KEYS = ['cores', 'instances', 'key_pairs', 'metadata_items', 'ram', 'server_groups', 'server_group_members'] as const;

function quotaKeys(v: Microversion): string[] {
  return [...CORE_KEYS, ...(v.atLeast('2.57') ? [] : INJECTED_KEYS), ...(v.atLeast('2.36') ? [] : NETWORK_KEYS)];
}

function quotaView<T>(values: Record<string, T>, v: Microversion, unlimited: T): Record<string, T> {
  return Object.fromEntries(quotaKeys(v).map((k) => [k, values[k] ?? unlimited]));
}

function limitsView(limits: QuotaValues, used: { instances: number; cores: number; ram: number; key_pairs: number; server_groups: number }, v: Microversion) {
  return {
    maxServerMeta: limits.metadata_items,
    maxTotalInstances: limits.instances,
    maxTotalCores: limits.cores,
    maxTotalRAMSize: limits.ram,
    maxTotalKeypairs: limits.key_pairs,
    maxServerGroups: limits.server_groups,
    maxServerGroupMembers: limits.server_group_members,
    totalInstancesUsed: used.instances,
    totalCoresUsed: used.cores,
    totalRAMUsed: used.ram,
    totalServerGroupsUsed: used.server_groups,
    ...(v.atLeast('2.36') ? {} : { maxSecurityGroups: -1, maxSecurityGroupRules: -1, maxTotalFloatingIps: -1, totalFloatingIpsUsed: 0, totalSecurityGroupsUsed: 0 }),
    ...(v.atLeast('2.39') ? {} : { maxImageMeta: limits.metadata_items }),
    ...(v.atLeast('2.57') ? {} : { maxPersonality: limits.injected_files, maxPersonalitySize: limits.injected_file_content_bytes }),
  };
}

export const quotaRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2.1/limits',
    handler: route(async (req, v) => {
      const { limits, used } = await getLimits(req.ctx, req.query.get('tenant_id') ?? undefined);
      return { status: 200, body: { limits: { rate: [], absolute: limitsView(limits, used, v) } } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/os-quota-sets/:project_id',
    handler: route(async (req, v) => {
      const id = param(req, 'project_id');
      return { status: 200, body: { quota_set: { id, ...quotaView(await showQuotaSet(req.ctx, id), v, -1) } } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/os-quota-sets/:project_id/defaults',
    handler: route(async (req, v) => {
      const id = param(req, 'project_id');
      return { status: 200, body: { quota_set: { id, ...quotaView(await defaultQuotaSet(req.ctx, id), v, -1) } } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/os-quota-sets/:project_id/detail',
    handler: route(async (req, v) => {
      const id = param(req, 'project_id');
      const detail = await detailQuotaSet(req.ctx, id);
      return { status: 200, body: { quota_set: { id, ...quotaView(detail, v, { limit: -1, in_use: 0, reserved: 0 }) } } };
    }),
  },
  {
    method: 'PUT',
    path: '/v2.1/os-quota-sets/:project_id',
    handler: route(async (req, v) => {
      const values = await updateQuotaSet(req.ctx, param(req, 'project_id'), await bodyMember(req, 'quota_set'));
      return { status: 200, body: { quota_set: quotaView(values, v, -1) } };
    }),
  },
  {
    method: 'DELETE',
    path: '/v2.1/os-quota-sets/:project_id',
    handler: route(async (req) => {
      await resetQuotaSet(req.ctx, param(req, 'project_id'));
      return { status: 202 };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/os-quota-class-sets/:id',
    handler: route(async (req, v) => {
      const id = param(req, 'id');
      return { status: 200, body: { quota_class_set: { id, ...quotaView(await showQuotaClass(req.ctx, id), v, -1) } } };
    }),
  },
  {
    method: 'PUT',
    path: '/v2.1/os-quota-class-sets/:id',
    handler: route(async (req, v) => {
      const values = await updateQuotaClass(req.ctx, param(req, 'id'), await bodyMember(req, 'quota_class_set'));
      return { status: 200, body: { quota_class_set: quotaView(values, v, -1) } };
    }),
  },
];
