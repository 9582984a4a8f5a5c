import type { PrismaClient } from '@nimbus/db';
import type { Redis } from 'ioredis';
import { NotFound, Unauthorized, BadRequest } from '@nimbus/shared';
import type { AuthContext } from './context.js';
import { GenerationCache, generationKey } from './generation.js';
import { effectiveRoles, expandImpliedRoles, type RoleRef } from './roles.js';
import { catalogForProject, loadCatalog, type CatalogEntry } from './catalog.js';
import { loadKeyRing, type TokenKeyRing } from './token-keys.js';
import { decodeToken, encodeToken, newAuditId, type TokenPayload } from './token-format.js';
import { matchesToken, type RevocationRecord } from './revocation.js';
import { verifyPassword } from './password.js';
import { parseAuthRequest, type AuthRequest } from './auth-request.js';

interface NamedRef {
  id: string;
  name: string;
  domainId: string;
  enabled: boolean;
}
interface DomainRow {
  id: string;
  name: string;
  enabled: boolean;
}
interface AppCredRow {
  id: string;
  name: string;
  userId: string;
  projectId: string;
  secretHash: string;
  unrestricted: boolean;
  expiresAt: Date | null;
  roleIds: string[];
}

export interface TokenServiceOptions {
  db: PrismaClient;
  redis: Redis;
  keyPrefix: string;
  /** Token lifetime in seconds (Keystone's [token] expiration). */
  expiration: number;
}

const UNAUTHORIZED = 'The request you have made requires authentication.';

/** Keystone's timestamp form: microseconds and a `Z`. */
export function keystoneTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Issues and validates tokens. One instance per process: it holds the key ring and caches of the
 * identity facts validation needs, all dropped whenever the cluster's identity generation moves.
 */
export class TokenService {
  private readonly db: PrismaClient;
  private readonly redis: Redis;
  private readonly genKey: string;
  private readonly expiration: number;
  private ring: Promise<TokenKeyRing> | null = null;
  private readonly users = new GenerationCache<NamedRef | null>();
  private readonly projects = new GenerationCache<(NamedRef & { isDomain: false }) | null>();
  private readonly domains = new GenerationCache<DomainRow | null>();
  private readonly roles = new GenerationCache<RoleRef[]>();
  private readonly appCreds = new GenerationCache<AppCredRow | null>();
  private readonly misc = new GenerationCache<unknown>();
  /** Validation results by token string, like Keystone's token cache; dropped with the generation. */
  private readonly validated = new GenerationCache<AuthContext | null>(20_000);
  private lastGeneration: string | null | undefined;

  constructor(opts: TokenServiceOptions) {
    this.db = opts.db;
    this.redis = opts.redis;
    this.genKey = generationKey(opts.keyPrefix);
    this.expiration = opts.expiration;
  }

  /** One Redis GET; drops every cache when another process (or this one) changed identity data. */
  async sync(): Promise<void> {
    const gen = await this.redis.get(this.genKey);
    if (gen !== this.lastGeneration) {
      this.lastGeneration = gen;
      this.ring = null;
      for (const c of [this.users, this.projects, this.domains, this.roles, this.appCreds, this.misc, this.validated]) c.sync(gen);
    }
  }

  private keyRing(): Promise<TokenKeyRing> {
    this.ring ??= loadKeyRing(this.db).catch((e: unknown) => {
      this.ring = null;
      throw e;
    });
    return this.ring;
  }

  private user(id: string) {
    return this.users.getOrLoad(id, () =>
      this.db.user.findUnique({ where: { id }, select: { id: true, name: true, domainId: true, enabled: true } }),
    );
  }

  private project(id: string) {
    return this.projects.getOrLoad(id, async () => {
      const p = await this.db.project.findUnique({
        where: { id },
        select: { id: true, name: true, domainId: true, enabled: true },
      });
      return p ? { ...p, isDomain: false as const } : null;
    });
  }

  private domain(id: string) {
    return this.domains.getOrLoad(id, () =>
      this.db.domain.findUnique({ where: { id }, select: { id: true, name: true, enabled: true } }),
    );
  }

  private rolesFor(userId: string, projectId: string | undefined, domainId: string) {
    return this.roles.getOrLoad(`${userId}/${projectId ?? ''}/${domainId}`, () =>
      effectiveRoles(this.db, userId, projectId ? { projectId, domainId } : { domainId }),
    );
  }

  private appCred(id: string) {
    return this.appCreds.getOrLoad(id, async () => {
      const a = await this.db.applicationCredential.findUnique({
        where: { id },
        include: { roles: { select: { roleId: true } } },
      });
      return a ? { ...a, roleIds: a.roles.map((r) => r.roleId) } : null;
    });
  }

  async catalog(): Promise<CatalogEntry[]> {
    return (await this.misc.getOrLoad('catalog', () => loadCatalog(this.db))) as CatalogEntry[];
  }

  private async revocations(): Promise<RevocationRecord[]> {
    return (await this.misc.getOrLoad('revocations', async () => {
      const rows = await this.db.revocationEvent.findMany({
        where: { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      });
      return rows.map((r) => {
        const rec: RevocationRecord = { issuedBefore: r.issuedBefore };
        if (r.userId) rec.userId = r.userId;
        if (r.projectId) rec.projectId = r.projectId;
        if (r.domainId) rec.domainId = r.domainId;
        if (r.auditId) rec.auditId = r.auditId;
        if (r.applicationCredentialId) rec.applicationCredentialId = r.applicationCredentialId;
        return rec;
      });
    })) as RevocationRecord[];
  }

  // ------------------------------------------------------------------ validation

  /**
   * The token's AuthContext, or null when it is malformed, expired, revoked, made with a retired
   * key, or when its user, project, domain or roles no longer allow it (Keystone re-checks all).
   */
  async validate(token: string): Promise<AuthContext | null> {
    await this.sync();
    const cached = this.validated.get(token);
    if (cached !== undefined) return cached && cached.expiresAt.getTime() > Date.now() ? cached : null;
    const payload = await decodeToken(token, await this.keyRing());
    const auth = payload ? await this.contextFor(payload) : null;
    this.validated.set(token, auth);
    return auth;
  }

  private async contextFor(p: TokenPayload): Promise<AuthContext | null> {
    if (p.expiresAt.getTime() <= Date.now()) return null;
    const user = await this.user(p.userId);
    if (!user?.enabled) return null;
    const userDomain = await this.domain(user.domainId);
    if (!userDomain?.enabled) return null;

    let project: NamedRef | null = null;
    let scopeDomainId: string;
    if (p.projectId) {
      project = await this.project(p.projectId);
      if (!project?.enabled) return null;
      const projectDomain = await this.domain(project.domainId);
      if (!projectDomain?.enabled) return null;
      scopeDomainId = project.domainId;
    } else if (p.domainId) {
      const d = await this.domain(p.domainId);
      if (!d?.enabled) return null;
      scopeDomainId = d.id;
    } else {
      scopeDomainId = user.domainId;
    }

    const token = {
      userId: user.id,
      userDomainId: user.domainId,
      auditIds: p.auditIds,
      issuedAt: p.issuedAt,
      ...(project ? { projectId: project.id, projectDomainId: project.domainId } : {}),
      ...(p.domainId ? { domainId: p.domainId } : {}),
      ...(p.applicationCredentialId ? { applicationCredentialId: p.applicationCredentialId } : {}),
    };
    for (const event of await this.revocations()) if (matchesToken(event, token)) return null;

    let roles: RoleRef[] = [];
    if (project || p.domainId) {
      roles = await this.rolesFor(user.id, project?.id, scopeDomainId);
      if (p.applicationCredentialId) {
        const cred = await this.appCred(p.applicationCredentialId);
        if (!cred || (cred.expiresAt && cred.expiresAt.getTime() <= Date.now())) return null;
        const allowed = new Set(cred.roleIds);
        // An application credential delegates at most the roles it names, and only while the user still holds them.
        const implied = await this.misc.getOrLoad(`appcred-roles/${cred.id}`, () =>
          expandImpliedRoles(this.db, allowed),
        );
        const held = new Set(roles.map((r) => r.id));
        roles = (implied as RoleRef[]).filter((r) => held.has(r.id));
      }
      if (roles.length === 0) return null;
    }

    const ctx: AuthContext = {
      userId: user.id,
      userName: user.name,
      userDomainId: user.domainId,
      roles: roles.map((r) => r.name),
      roleIds: roles.map((r) => r.id),
      methods: p.methods,
      auditIds: p.auditIds,
      issuedAt: p.issuedAt,
      expiresAt: p.expiresAt,
      isAdmin: roles.some((r) => r.name === 'admin'),
    };
    if (project) {
      ctx.projectId = project.id;
      ctx.projectName = project.name;
      ctx.projectDomainId = project.domainId;
    }
    if (p.domainId) ctx.domainId = p.domainId;
    if (p.applicationCredentialId) ctx.applicationCredentialId = p.applicationCredentialId;
    return ctx;
  }

  // ------------------------------------------------------------------ issue

  /** POST /v3/auth/tokens: authenticate, resolve the scope, mint. Throws Unauthorized/BadRequest. */
  async issue(body: unknown): Promise<{ token: string; auth: AuthContext }> {
    const req = parseAuthRequest(body);
    await this.sync();
    const identity = req.auth.identity;
    let userId: string;
    let methods: string[] = [...identity.methods];
    let inherited: TokenPayload | null = null;
    let appCred: AppCredRow | null = null;

    if (identity.methods.includes('password') && identity.password) {
      userId = await this.checkPassword(identity.password.user);
    } else if (identity.methods.includes('token') && identity.token) {
      const ring = await this.keyRing();
      inherited = await decodeToken(identity.token.id, ring);
      const parent = inherited ? await this.contextFor(inherited) : null;
      if (!inherited || !parent) throw new Unauthorized(UNAUTHORIZED);
      if (inherited.applicationCredentialId) {
        throw new Unauthorized('A token created with an application credential cannot be rescoped.');
      }
      userId = inherited.userId;
      methods = [...new Set([...inherited.methods])];
    } else if (identity.methods.includes('application_credential') && identity.application_credential) {
      appCred = await this.checkApplicationCredential(identity.application_credential);
      userId = appCred.userId;
    } else {
      throw new Unauthorized(UNAUTHORIZED);
    }

    const scope = await this.resolveScope(req, userId, appCred);
    const now = new Date();
    let expiresAt = inherited ? inherited.expiresAt : new Date(now.getTime() + this.expiration * 1000);
    if (appCred?.expiresAt && appCred.expiresAt < expiresAt) expiresAt = appCred.expiresAt;
    const payload: TokenPayload = {
      userId,
      methods,
      auditIds: inherited ? [newAuditId(), inherited.auditIds.at(-1) ?? inherited.auditIds[0]!] : [newAuditId()],
      issuedAt: now,
      expiresAt,
      ...scope,
      ...(appCred ? { applicationCredentialId: appCred.id } : {}),
    };
    const auth = await this.contextFor(payload);
    if (!auth) {
      const where = scope.projectId ? `project ${scope.projectId}` : `domain ${scope.domainId}`;
      throw new Unauthorized(`User ${userId} has no access to ${where}.`);
    }
    return { token: await encodeToken(payload, await this.keyRing()), auth };
  }

  private async domainIdFrom(ref: { id?: string | undefined; name?: string | undefined } | undefined): Promise<string | null> {
    if (!ref) return null;
    if (ref.id) return ref.id;
    const d = await this.db.domain.findUnique({ where: { name: ref.name ?? '' }, select: { id: true } });
    return d?.id ?? null;
  }

  private async findUser(ref: {
    id?: string | undefined;
    name?: string | undefined;
    domain?: { id?: string | undefined; name?: string | undefined } | undefined;
  }) {
    if (ref.id) return this.db.user.findUnique({ where: { id: ref.id } });
    const domainId = await this.domainIdFrom(ref.domain);
    if (!domainId || !ref.name) return null;
    return this.db.user.findUnique({ where: { domainId_name: { domainId, name: ref.name } } });
  }

  private async checkPassword(ref: Parameters<TokenService['findUser']>[0] & { password: string }): Promise<string> {
    const user = await this.findUser(ref);
    // Verify even for an unknown user would cost a hash per bad name; Keystone answers alike, so do we.
    if (!user || !user.enabled || !(await verifyPassword(user.passwordHash, ref.password))) {
      throw new Unauthorized(UNAUTHORIZED);
    }
    const domain = await this.domain(user.domainId);
    if (!domain?.enabled) throw new Unauthorized(UNAUTHORIZED);
    return user.id;
  }

  private async checkApplicationCredential(ref: {
    id?: string | undefined;
    name?: string | undefined;
    secret: string;
    user?: Parameters<TokenService['findUser']>[0] | undefined;
  }): Promise<AppCredRow> {
    let cred: AppCredRow | null = null;
    if (ref.id) {
      cred = await this.appCred(ref.id);
    } else if (ref.user) {
      const user = await this.findUser(ref.user);
      if (user && ref.name) {
        const row = await this.db.applicationCredential.findUnique({
          where: { userId_name: { userId: user.id, name: ref.name } },
          select: { id: true },
        });
        cred = row ? await this.appCred(row.id) : null;
      }
    }
    if (!cred || (cred.expiresAt && cred.expiresAt.getTime() <= Date.now())) throw new Unauthorized(UNAUTHORIZED);
    if (!(await verifyPassword(cred.secretHash, ref.secret))) throw new Unauthorized(UNAUTHORIZED);
    return cred;
  }

  private async resolveScope(
    req: AuthRequest,
    userId: string,
    appCred: AppCredRow | null,
  ): Promise<{ projectId?: string; domainId?: string }> {
    const scope = req.auth.scope;
    if (appCred) {
      if (scope && scope !== 'unscoped' && (scope.domain || (scope.project && scope.project.id !== appCred.projectId))) {
        throw new Unauthorized('Application credentials cannot request a scope.');
      }
      return { projectId: appCred.projectId };
    }
    if (scope === 'unscoped') return {};
    if (scope?.project) {
      const p = scope.project;
      if (p.id) {
        const project = await this.project(p.id);
        if (!project) throw new Unauthorized(`Could not find project: ${p.id}.`);
        return { projectId: project.id };
      }
      const domainId = await this.domainIdFrom(p.domain);
      const project = domainId
        ? await this.db.project.findUnique({ where: { domainId_name: { domainId, name: p.name ?? '' } }, select: { id: true } })
        : null;
      if (!project) throw new Unauthorized(`Could not find project: ${p.name ?? ''}.`);
      return { projectId: project.id };
    }
    if (scope?.domain) {
      const domainId = await this.domainIdFrom(scope.domain);
      if (!domainId || !(await this.domain(domainId))) throw new Unauthorized('Could not find domain.');
      return { domainId };
    }
    if (scope?.system) throw new BadRequest('System scope is not supported by nimbus.', { field: 'auth.scope.system' });
    // No scope asked for: Keystone scopes to the default project when the user holds a role on it.
    const user = await this.db.user.findUnique({ where: { id: userId }, select: { defaultProjectId: true, domainId: true } });
    if (user?.defaultProjectId) {
      const project = await this.project(user.defaultProjectId);
      if (project?.enabled && (await this.rolesFor(userId, project.id, project.domainId)).length > 0) {
        return { projectId: project.id };
      }
    }
    return {};
  }

  // ------------------------------------------------------------------ responses

  /** Keystone's token body; `catalog: false` for `?nocatalog`. */
  async body(auth: AuthContext, opts: { catalog: boolean }): Promise<{ token: Record<string, unknown> }> {
    const userDomain = await this.domain(auth.userDomainId);
    const token: Record<string, unknown> = {
      methods: auth.methods,
      user: {
        domain: { id: auth.userDomainId, name: userDomain?.name ?? auth.userDomainId },
        id: auth.userId,
        name: auth.userName,
        password_expires_at: null,
      },
      audit_ids: auth.auditIds,
      expires_at: keystoneTime(auth.expiresAt),
      issued_at: keystoneTime(auth.issuedAt),
    };
    if (auth.projectId) {
      const d = await this.domain(auth.projectDomainId ?? '');
      token.project = {
        domain: { id: auth.projectDomainId, name: d?.name ?? auth.projectDomainId },
        id: auth.projectId,
        name: auth.projectName,
      };
      token.is_domain = false;
    } else if (auth.domainId) {
      const d = await this.domain(auth.domainId);
      token.domain = { id: auth.domainId, name: d?.name ?? auth.domainId };
    }
    if (auth.projectId || auth.domainId) {
      token.roles = auth.roleIds.map((id, i) => ({ id, name: auth.roles[i] }));
    }
    if (auth.applicationCredentialId) {
      const cred = await this.appCred(auth.applicationCredentialId);
      token.application_credential = {
        id: auth.applicationCredentialId,
        name: cred?.name ?? '',
        restricted: !(cred?.unrestricted ?? false),
      };
    }
    if (opts.catalog) token.catalog = await this.catalogFor(auth);
    return { token };
  }

  async catalogFor(auth: AuthContext): Promise<CatalogEntry[]> {
    if (!auth.projectId && !auth.domainId) return [];
    return catalogForProject(await this.catalog(), auth.projectId);
  }

  /** GET/HEAD /v3/auth/tokens: 404 "Could not recognize" for anything not a live token. */
  async validateSubject(subject: string | null): Promise<AuthContext> {
    if (!subject) throw new NotFound('Could not find token.');
    const auth = await this.validate(subject);
    if (!auth) throw new NotFound('Could not recognize token');
    return auth;
  }
}
