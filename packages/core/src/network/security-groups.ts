import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type SecurityGroup, type SecurityGroupRule } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { authorize, bumpRevision, caller, ownerFields, owningProject, parseBody, standardAttrs, target, TX_OPTIONS, zBool, zDescription, zName, type Caller, type Tx } from './common.js';
import { conflict, invalidInput, notFound } from './errors.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';

/**
 * Security groups. Every project has a `default` group, made on its first use (any security
 * group call, or a port that needs one) with Neutron's rules: all egress, and ingress from the
 * group's own members, for IPv4 and IPv6. DefaultSecurityGroup's key keeps it to one per project
 * even when two requests make it at once.
 */
const withRules = { rules: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }, defaultOf: { select: { projectId: true } } } satisfies Prisma.SecurityGroupInclude;
type GroupRow = Prisma.SecurityGroupGetPayload<{ include: typeof withRules }>;

export function ruleView(rule: SecurityGroupRule, isDefaultGroup: boolean): Record<string, unknown> {
  return {
    id: rule.id,
    security_group_id: rule.securityGroupId,
    direction: rule.direction,
    ethertype: rule.ethertype,
    protocol: rule.protocol,
    port_range_min: rule.portRangeMin,
    port_range_max: rule.portRangeMax,
    remote_ip_prefix: rule.remoteIpPrefix,
    normalized_cidr: rule.remoteIpPrefix,
    remote_group_id: rule.remoteGroupId,
    remote_address_group_id: null,
    belongs_to_default_sg: isDefaultGroup,
    ...standardAttrs(rule),
  };
}

export function groupView(row: GroupRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    stateful: row.stateful,
    shared: false,
    security_group_rules: row.rules.map((r) => ruleView(r, row.defaultOf !== null)),
    ...standardAttrs(row),
  };
}

/** Neutron's rules for a new group: all egress, both families. */
function egressRules(groupId: string, projectId: string): Prisma.SecurityGroupRuleCreateManyInput[] {
  return (['IPv4', 'IPv6'] as const).map((ethertype) => ({ id: randomUUID(), projectId, securityGroupId: groupId, direction: 'egress', ethertype }));
}

/**
 * The project's `default` group, made with its rules when the project has none yet. Works inside
 * the caller's transaction: a request that loses the race to make it (ON CONFLICT on the
 * project's row) drops its own copy and takes the winner's, without aborting the transaction.
 */
export async function ensureDefaultSecurityGroupTx(tx: Tx, projectId: string): Promise<string> {
  const existing = await tx.defaultSecurityGroup.findUnique({ where: { projectId } });
  if (existing) return existing.securityGroupId;
  const id = randomUUID();
  await tx.securityGroup.create({ data: { id, projectId, name: 'default', description: 'Default security group' } });
  const won = await tx.$executeRaw(Prisma.sql`INSERT INTO "DefaultSecurityGroup" ("projectId", "securityGroupId") VALUES (${projectId}, ${id}) ON CONFLICT ("projectId") DO NOTHING`);
  if (won === 0) {
    await tx.securityGroup.delete({ where: { id } });
    return (await tx.defaultSecurityGroup.findUniqueOrThrow({ where: { projectId } })).securityGroupId;
  }
  await tx.securityGroupRule.createMany({
    data: [
      ...egressRules(id, projectId),
      ...(['IPv4', 'IPv6'] as const).map((ethertype) => ({ id: randomUUID(), projectId, securityGroupId: id, direction: 'ingress', ethertype, remoteGroupId: id })),
    ],
  });
  return id;
}

export async function ensureDefaultSecurityGroup(db: RequestContext['db'], projectId: string): Promise<string> {
  const existing = await db.defaultSecurityGroup.findUnique({ where: { projectId } });
  return existing ? existing.securityGroupId : db.$transaction((tx) => ensureDefaultSecurityGroupTx(tx, projectId), TX_OPTIONS);
}

export async function findVisibleGroup(db: Pick<Tx, 'securityGroup'>, c: Caller, id: string): Promise<SecurityGroup> {
  const row = await db.securityGroup.findUnique({ where: { id } });
  if (!row || (!c.admin && row.projectId !== c.projectId)) throw notFound('security_group', id);
  return row;
}

const ZCreateGroup = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  stateful: zBool.optional(),
  ...ownerFields,
});

/** `POST /v2.0/security-groups`: the group starts with Neutron's egress rules. */
export async function createSecurityGroup(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreateGroup, body, 'security_group');
  const projectId = owningProject(c, input, 'create_security_group');
  if (input.name === 'default') throw conflict('SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
  await ensureDefaultSecurityGroup(ctx.db, projectId);
  const row = await ctx.db.$transaction(async (tx) => {
    await checkNetworkQuota(tx, projectId, 'security_group');
    const id = randomUUID();
    await tx.securityGroup.create({ data: { id, projectId, name: input.name ?? '', description: input.description ?? '', stateful: input.stateful ?? true } });
    await tx.securityGroupRule.createMany({ data: egressRules(id, projectId) });
    return tx.securityGroup.findUniqueOrThrow({ where: { id }, include: withRules });
  }, TX_OPTIONS);
  ctx.log.info({ securityGroupId: row.id }, 'security group created');
  return groupView(row);
}

export async function listSecurityGroups(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_security_group', target(c.projectId));
  await ensureDefaultSecurityGroup(ctx.db, c.projectId);
  const rows = await ctx.db.securityGroup.findMany({ where: c.admin ? {} : { projectId: c.projectId }, include: withRules, orderBy: { id: 'asc' } });
  return rows.map(groupView);
}

export async function getSecurityGroup(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  await ensureDefaultSecurityGroup(ctx.db, c.projectId);
  const group = await findVisibleGroup(ctx.db, c, id);
  authorize(c.auth, 'get_security_group', target(group.projectId));
  return groupView(await ctx.db.securityGroup.findUniqueOrThrow({ where: { id }, include: withRules }));
}

const ZUpdateGroup = z.strictObject({ name: zName.optional(), description: zDescription.optional(), stateful: zBool.optional() });

export async function updateSecurityGroup(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZUpdateGroup, body, 'security_group');
  const group = await findVisibleGroup(ctx.db, c, id);
  authorize(c.auth, 'update_security_group', target(group.projectId));
  const row = await ctx.db.securityGroup.findUniqueOrThrow({ where: { id }, include: withRules });
  if (row.defaultOf && input.name !== undefined && input.name !== 'default') throw invalidInput('name', 'The default security group cannot be renamed');
  if (!row.defaultOf && input.name === 'default') throw conflict('SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
  const updated = await ctx.db.securityGroup.update({
    where: { id },
    data: { ...(input.name !== undefined && { name: input.name }), ...(input.description !== undefined && { description: input.description }), ...(input.stateful !== undefined && { stateful: input.stateful }), ...bumpRevision },
    include: withRules,
  });
  await networkChanged(ctx, { type: 'security_group', id, projectId: group.projectId });
  return groupView(updated);
}

/**
 * `DELETE /v2.0/security-groups/{id}`: refused while a port uses it (409 SecurityGroupInUse),
 * and for the default group unless an admin asks (Neutron's SecurityGroupCannotRemoveDefault).
 * Rules of other groups that name it as their remote group go with it, as in Neutron.
 */
export async function deleteSecurityGroup(ctx: RequestContext, id: string): Promise<void> {
  const c = caller(ctx);
  const group = await findVisibleGroup(ctx.db, c, id);
  authorize(c.auth, 'delete_security_group', target(group.projectId));
  await ctx.db.$transaction(async (tx) => {
    const isDefault = await tx.defaultSecurityGroup.findUnique({ where: { securityGroupId: id } });
    if (isDefault && !c.admin) throw conflict('SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.');
    if ((await tx.portSecurityGroup.count({ where: { securityGroupId: id } })) > 0) throw conflict('SecurityGroupInUse', `Security Group ${id} in use.`);
    await tx.securityGroup.delete({ where: { id } });
  }, TX_OPTIONS);
  ctx.log.info({ securityGroupId: id }, 'security group deleted');
  await networkChanged(ctx, { type: 'security_group', id, projectId: group.projectId });
}
