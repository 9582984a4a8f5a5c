import type { PrismaClient } from '@nimbus/db';
import type { Redis } from 'ioredis';
import type { JobProducer } from '../jobs/producer.js';
import type { Logger } from 'pino';
import { Unauthorized } from '@nimbus/shared';

/** What a validated token says about its holder; the input to policy and to every service call. */
export interface AuthContext {
  userId: string;
  userName: string;
  userDomainId: string;
  /** Project scope; absent for unscoped and domain-scoped tokens. */
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  /** Domain scope. */
  domainId?: string;
  /** Effective role names on the scope (implied roles expanded). */
  roles: string[];
  roleIds: string[];
  methods: string[];
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  applicationCredentialId?: string;
  /** True when the token holds `admin` on any scope: nimbus's cloud admin (DESIGN.md §4). */
  isAdmin: boolean;
}

/** One request's view of the world: handed to every core service function. */
export interface RequestContext {
  db: PrismaClient;
  /** Shared Redis connection; keys under `keyPrefix`. */
  redis: Redis;
  keyPrefix: string;
  /** Hands work to the scheduler and the nodes (BullMQ, same prefix). */
  jobs: JobProducer;
  requestId: string;
  log: Logger;
  /** Null only for unauthenticated calls (token issue, version documents). */
  auth: AuthContext | null;
  /** The surface the call came through, recorded in the audit log. */
  source: 'rest' | 'trpc' | 'system';
}

export function requireAuth(ctx: RequestContext): AuthContext {
  if (!ctx.auth) throw new Unauthorized('The request you have made requires authentication.');
  return ctx.auth;
}
