import { z } from 'zod';
import { Forbidden, newId } from '@nimbus/shared';
import type { Domain, Prisma } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged, recordRevocation } from '../revocation.js';
import { authorize } from './policy.js';
import { duplicate, extraOf, inTransaction, pageArgs, parseInput, toPage, zDescription, zEnabled, zName, zPage, type Page } from './common.js';
import { getDomainOr404, targetOf } from './lookup.js';

const DOMAIN_COLUMNS = ['id', 'name', 'description', 'enabled', 'tags', 'options', 'links', 'explicit_domain_id'] as const;

export const ZCreateDomainInput = z.looseObject({
  name: zName,
  description: zDescription.optional(),
  enabled: zEnabled.optional(),
  /** Keystone lets an operator choose the id (to mirror a domain across clouds). */
  explicit_domain_id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex UUID').optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type CreateDomainInput = z.input<typeof ZCreateDomainInput>;

export const ZUpdateDomainInput = z.looseObject({
  name: zName.optional(),
  description: zDescription.optional(),
  enabled: zEnabled.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateDomainInput = z.input<typeof ZUpdateDomainInput>;

export const ZListDomainsInput = z.object({ name: z.string().optional(), enabled: z.boolean().optional(), ...zPage });
export type ListDomainsInput = z.input<typeof ZListDomainsInput>;

function domainTarget(d: Domain) {
  return { target: { domain: targetOf.domain(d) }, domain_id: d.id };
}

export async function getDomain(ctx: RequestContext, domainId: string): Promise<Domain> {
  const domain = await getDomainOr404(ctx.db, domainId);
  authorize(ctx.auth, 'identity:get_domain', domainTarget(domain));
  return domain;
}

export async function listDomains(ctx: RequestContext, rawInput: ListDomainsInput = {}): Promise<Page<Domain>> {
  const input = parseInput(ZListDomainsInput, rawInput);
  authorize(ctx.auth, 'identity:list_domains', { target: {} });
  const rows = await ctx.db.domain.findMany({
    where: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    },
    ...pageArgs(input),
  });
  return toPage(rows, input.limit);
}

export async function createDomain(ctx: RequestContext, rawInput: CreateDomainInput): Promise<Domain> {
  const input = parseInput(ZCreateDomainInput, rawInput);
  authorize(ctx.auth, 'identity:create_domain', { target: { domain: { name: input.name } } });
  const domain = await inTransaction(ctx, `Conflict occurred attempting to store domain - Duplicate entry found with name ${input.name}.`, async (tx) => {
    if (await tx.domain.findUnique({ where: { name: input.name } })) throw duplicate('domain', `name ${input.name}`);
    const id = input.explicit_domain_id ?? newId();
    if (await tx.domain.findUnique({ where: { id } })) throw duplicate('domain', `ID ${id}`);
    return tx.domain.create({
      data: {
        id,
        name: input.name,
        description: input.description ?? '',
        enabled: input.enabled ?? true,
        extra: extraOf(input, DOMAIN_COLUMNS) as Prisma.InputJsonValue,
      },
    });
  });
  await identityChanged(ctx);
  return domain;
}

/** Disabling a domain kills every token scoped to it, to a project in it, or of a user in it. */
export async function updateDomain(ctx: RequestContext, domainId: string, rawInput: UpdateDomainInput): Promise<Domain> {
  const input = parseInput(ZUpdateDomainInput, rawInput);
  const before = await getDomainOr404(ctx.db, domainId);
  authorize(ctx.auth, 'identity:update_domain', domainTarget(before));
  const name = input.name;
  const after = await inTransaction(ctx, `Conflict occurred attempting to store domain - Duplicate entry found with name ${name ?? before.name}.`, async (tx) => {
    if (name !== undefined && name !== before.name && (await tx.domain.findUnique({ where: { name } }))) {
      throw duplicate('domain', `name ${name}`);
    }
    const extra = extraOf(input, DOMAIN_COLUMNS);
    return tx.domain.update({
      where: { id: domainId },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(Object.keys(extra).length ? { extra: { ...(before.extra as object), ...extra } as Prisma.InputJsonValue } : {}),
      },
    });
  });
  if (before.enabled && !after.enabled) {
    await recordRevocation(ctx, { domainId }, 'domain disabled');
  } else {
    await identityChanged(ctx);
  }
  return after;
}

/** Keystone deletes a domain with everything in it, and only once it is disabled. */
export async function deleteDomain(ctx: RequestContext, domainId: string): Promise<void> {
  const domain = await getDomainOr404(ctx.db, domainId);
  authorize(ctx.auth, 'identity:delete_domain', domainTarget(domain));
  if (domain.enabled) throw new Forbidden('Cannot delete a domain that is enabled, please disable it first.');
  await inTransaction(ctx, 'Conflict occurred attempting to delete domain.', async (tx) => {
    const projects = { domainId };
    await tx.roleAssignment.deleteMany({ where: { OR: [{ domainId }, { project: projects }, { user: { domainId } }, { group: { domainId } }] } });
    await tx.applicationCredential.deleteMany({ where: { OR: [{ project: projects }, { user: { domainId } }] } });
    await tx.user.updateMany({ where: { defaultProject: projects }, data: { defaultProjectId: null } });
    await tx.user.deleteMany({ where: { domainId } });
    await tx.group.deleteMany({ where: { domainId } });
    // Children before parents would need an order; detaching the tree first lets one statement go.
    await tx.project.updateMany({ where: projects, data: { parentId: null } });
    await tx.project.deleteMany({ where: projects });
    await tx.domain.delete({ where: { id: domainId } });
  });
  await recordRevocation(ctx, { domainId }, 'domain deleted');
}
