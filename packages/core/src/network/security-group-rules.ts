import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RequestContext } from '../identity/context.js';
import { authorize, caller, ownerFields, parseBody, target, TX_OPTIONS, zDescription, zUuid } from './common.js';
import { conflict, notFound } from './errors.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';
import { normaliseRule, sameRule } from './rules.js';
import { ensureDefaultSecurityGroup, findVisibleGroup, ruleView } from './security-groups.js';

const zPort = z.number({ message: 'must be an integer' }).int('must be an integer').nullable().optional();

const ZCreateRule = z.strictObject({
  security_group_id: zUuid,
  direction: z.enum(['ingress', 'egress'], { message: "must be 'ingress' or 'egress'" }),
  ethertype: z.enum(['IPv4', 'IPv6'], { message: "must be 'IPv4' or 'IPv6'" }).optional(),
  protocol: z.union([z.string(), z.number().int()], { message: 'must be a protocol name or number' }).nullable().optional(),
  port_range_min: zPort,
  port_range_max: zPort,
  remote_ip_prefix: z.string({ message: 'must be a string' }).nullable().optional(),
  remote_group_id: zUuid.nullable().optional(),
  remote_address_group_id: z.null({ message: 'address groups are not supported' }).optional(),
  description: zDescription.optional(),
  ...ownerFields,
});

/**
 * `POST /v2.0/security-group-rules`. The rule belongs to its group's project; a remote group
 * must be one the caller may see. A rule the same in effect as an existing one is 409.
 */
export async function createSecurityGroupRule(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreateRule, body, 'security_group_rule');
  await ensureDefaultSecurityGroup(ctx.db, c.projectId);
  const group = await findVisibleGroup(ctx.db, c, input.security_group_id);
  authorize(c.auth, 'create_security_group_rule', target(group.projectId));
  const rule = normaliseRule(input);
  if (rule.remoteGroupId) await findVisibleGroup(ctx.db, c, rule.remoteGroupId);
  const row = await ctx.db.$transaction(async (tx) => {
    await checkNetworkQuota(tx, group.projectId, 'security_group_rule');
    const existing = await tx.securityGroupRule.findMany({ where: { securityGroupId: group.id } });
    const dup = existing.find((r) => sameRule(r, rule));
    if (dup) throw conflict('SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${dup.id}.`);
    const { protocolNumber: _number, ...data } = rule;
    return tx.securityGroupRule.create({ data: { id: randomUUID(), projectId: group.projectId, securityGroupId: group.id, description: input.description ?? '', ...data } });
  }, TX_OPTIONS);
  await ctx.db.securityGroup.update({ where: { id: group.id }, data: { revision: { increment: 1 } } });
  ctx.log.info({ securityGroupId: group.id, ruleId: row.id }, 'security group rule created');
  await networkChanged(ctx, { type: 'security_group', id: group.id, projectId: group.projectId });
  return ruleView(row, (await ctx.db.defaultSecurityGroup.findUnique({ where: { securityGroupId: group.id } })) !== null);
}

async function visibleRule(ctx: RequestContext, id: string) {
  const c = caller(ctx);
  const row = await ctx.db.securityGroupRule.findUnique({ where: { id }, include: { securityGroup: { include: { defaultOf: true } } } });
  if (!row || (!c.admin && row.projectId !== c.projectId)) throw notFound('security_group_rule', id);
  return { c, row };
}

export async function listSecurityGroupRules(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_security_group_rule', target(c.projectId));
  await ensureDefaultSecurityGroup(ctx.db, c.projectId);
  const rows = await ctx.db.securityGroupRule.findMany({ where: c.admin ? {} : { projectId: c.projectId }, include: { securityGroup: { include: { defaultOf: true } } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ruleView(r, r.securityGroup.defaultOf !== null));
}

export async function getSecurityGroupRule(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const { c, row } = await visibleRule(ctx, id);
  authorize(c.auth, 'get_security_group_rule', target(row.projectId));
  return ruleView(row, row.securityGroup.defaultOf !== null);
}

export async function deleteSecurityGroupRule(ctx: RequestContext, id: string): Promise<void> {
  const { c, row } = await visibleRule(ctx, id);
  authorize(c.auth, 'delete_security_group_rule', target(row.projectId));
  const { count } = await ctx.db.securityGroupRule.deleteMany({ where: { id } });
  if (count === 0) throw notFound('security_group_rule', id);
  await ctx.db.securityGroup.update({ where: { id: row.securityGroupId }, data: { revision: { increment: 1 } } });
  ctx.log.info({ securityGroupId: row.securityGroupId, ruleId: id }, 'security group rule deleted');
  await networkChanged(ctx, { type: 'security_group', id: row.securityGroupId, projectId: row.projectId });
}
