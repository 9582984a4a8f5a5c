import type { PrismaClient } from '@nimbus/db';
import { hashPassword, verifyPassword } from '@nimbus/core/identity/password';
import { newId } from '@nimbus/shared/ids';
import { defaultPublicUrl, INTERFACES, REGION_ID, SERVICES } from './catalog';
import { seedFlavors } from './flavors';

export const DOMAIN_ID = 'default';
export const PROJECTS = ['admin', 'demo', 'service'] as const;
export const ROLES = ['admin', 'member', 'reader'] as const;
/** Keystone's default implied roles: admin → member → reader. */
export const IMPLIED_ROLES: [prior: string, implied: string][] = [
  ['admin', 'member'],
  ['member', 'reader'],
];
export const SERVICE_USERS = ['nova', 'glance', 'cinder', 'neutron', 'swift'] as const;

export interface SeedOptions {
  /** Base of every endpoint URL (default NIMBUS_PUBLIC_URL, else http://127.0.0.1:${PORT:-3000}). */
  publicUrl?: string;
  adminPassword?: string;
  demoPassword?: string;
  servicePassword?: string;
}

export interface SeedResult {
  publicUrl: string;
  domainId: string;
  projects: Record<string, string>;
  roles: Record<string, string>;
  users: Record<string, string>;
  /** What this run changed, e.g. ["created user admin", "updated endpoint identity/public"]. */
  changes: string[];
}

interface UserSpec {
  name: string;
  password: string;
  project: string;
  role: string;
  defaultProject: string | null;
}

export async function seed(db: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const publicUrl = (options.publicUrl ?? defaultPublicUrl()).replace(/\/+$/, '');
  const changes: string[] = [];

  const domain = await db.domain.findUnique({ where: { id: DOMAIN_ID } });
  if (!domain) {
    await db.domain.create({
      data: { id: DOMAIN_ID, name: 'Default', description: 'The default domain' },
    });
    changes.push('created domain Default');
  }

  const projects: Record<string, string> = {};
  for (const name of PROJECTS) {
    const found = await db.project.findUnique({ where: { domainId_name: { domainId: DOMAIN_ID, name } } });
    projects[name] = found?.id ?? (await createProject(db, name, changes));
  }

  const roles: Record<string, string> = {};
  for (const name of ROLES) {
    const found = await db.role.findUnique({ where: { name } });
    if (found) {
      roles[name] = found.id;
    } else {
      roles[name] = (await db.role.create({ data: { id: newId(), name } })).id;
      changes.push(`created role ${name}`);
    }
  }
  for (const [prior, implied] of IMPLIED_ROLES) {
    const key = { priorRoleId: roles[prior]!, impliedRoleId: roles[implied]! };
    const found = await db.impliedRole.findUnique({ where: { priorRoleId_impliedRoleId: key } });
    if (!found) {
      await db.impliedRole.create({ data: key });
      changes.push(`created implied role ${prior} → ${implied}`);
    }
  }

  const specs: UserSpec[] = [
    { name: 'admin', password: options.adminPassword ?? env('NIMBUS_ADMIN_PASSWORD', 'admin'), project: 'admin', role: 'admin', defaultProject: 'admin' },
    { name: 'demo', password: options.demoPassword ?? env('NIMBUS_DEMO_PASSWORD', 'demo'), project: 'demo', role: 'member', defaultProject: 'demo' },
    ...SERVICE_USERS.map((name) => ({
      name,
      password: options.servicePassword ?? env('NIMBUS_SERVICE_PASSWORD', 'service'),
      project: 'service',
      role: 'admin',
      defaultProject: null,
    })),
  ];
  const users: Record<string, string> = {};
  // argon2 runs on libuv's thread pool, so the hashes are computed side by side.
  await Promise.all(
    specs.map(async (spec) => {
      users[spec.name] = await upsertUser(db, spec, spec.defaultProject ? projects[spec.defaultProject]! : null, changes);
    }),
  );
  for (const spec of specs) {
    await grantProjectRole(db, roles[spec.role]!, users[spec.name]!, projects[spec.project]!, changes, spec);
  }

  await seedCatalog(db, publicUrl, changes);
  await seedFlavors(db, changes);

  return { publicUrl, domainId: DOMAIN_ID, projects, roles, users, changes };
}

function env(name: string, fallback: string): string {
  return process.env[name] || fallback;
}

async function createProject(db: PrismaClient, name: string, changes: string[]): Promise<string> {
  const { id } = await db.project.create({ data: { id: newId(), name, domainId: DOMAIN_ID, description: `Bootstrap project ${name}` } });
  changes.push(`created project ${name}`);
  return id;
}

async function upsertUser(db: PrismaClient, spec: UserSpec, defaultProjectId: string | null, changes: string[]): Promise<string> {
  const found = await db.user.findUnique({ where: { domainId_name: { domainId: DOMAIN_ID, name: spec.name } } });
  if (!found) {
    const { id } = await db.user.create({
      data: {
        id: newId(),
        name: spec.name,
        domainId: DOMAIN_ID,
        passwordHash: await hashPassword(spec.password),
        passwordChangedAt: new Date(),
        defaultProjectId,
      },
    });
    changes.push(`created user ${spec.name}`);
    return id;
  }
  // Re-hashing is slow and would churn the row; only a password that no longer matches is reset.
  const passwordMatches = await verifyPassword(found.passwordHash, spec.password);
  const update = {
    ...(passwordMatches ? {} : { passwordHash: await hashPassword(spec.password), passwordChangedAt: new Date() }),
    ...(found.enabled ? {} : { enabled: true }),
    ...(found.defaultProjectId === defaultProjectId || defaultProjectId === null ? {} : { defaultProjectId }),
  };
  if (Object.keys(update).length > 0) {
    await db.user.update({ where: { id: found.id }, data: update });
    changes.push(`updated user ${spec.name} (${Object.keys(update).join(', ')})`);
  }
  return found.id;
}

async function grantProjectRole(
  db: PrismaClient,
  roleId: string,
  userId: string,
  projectId: string,
  changes: string[],
  spec: UserSpec,
): Promise<void> {
  // Looked up rather than upserted: the unique key holds NULL columns, which never compare equal.
  const grant = { roleId, actorType: 'USER', userId, groupId: null, targetType: 'PROJECT', projectId, domainId: null, inherited: false } as const;
  const found = await db.roleAssignment.findFirst({ where: grant });
  if (!found) {
    await db.roleAssignment.create({ data: { id: newId(), ...grant } });
    changes.push(`granted ${spec.role} on ${spec.project} to ${spec.name}`);
  }
}

async function seedCatalog(db: PrismaClient, publicUrl: string, changes: string[]): Promise<void> {
  const region = await db.region.findUnique({ where: { id: REGION_ID } });
  if (!region) {
    await db.region.create({ data: { id: REGION_ID } });
    changes.push(`created region ${REGION_ID}`);
  }
  for (const spec of SERVICES) {
    let service = await db.service.findFirst({ where: { type: spec.type, name: spec.name }, orderBy: { createdAt: 'asc' } });
    if (!service) {
      service = await db.service.create({ data: { id: newId(), type: spec.type, name: spec.name, description: spec.description } });
      changes.push(`created service ${spec.name}/${spec.type}`);
    }
    const url = `${publicUrl}${spec.path}`;
    for (const iface of INTERFACES) {
      const endpoint = await db.endpoint.findFirst({
        where: { serviceId: service.id, interface: iface, regionId: REGION_ID },
        orderBy: { createdAt: 'asc' },
      });
      if (!endpoint) {
        await db.endpoint.create({ data: { id: newId(), serviceId: service.id, interface: iface, regionId: REGION_ID, url } });
        changes.push(`created endpoint ${spec.type}/${iface}`);
      } else if (endpoint.url !== url) {
        await db.endpoint.update({ where: { id: endpoint.id }, data: { url } });
        changes.push(`updated endpoint ${spec.type}/${iface} → ${url}`);
      }
    }
  }
}
