import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/**
 * Every environment variable nimbus reads, parsed once at start. A bad value stops the process
 * with a message naming the variable (see `loadConfig`).
 */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/nimbus'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and BullMQ queue, so parallel stacks and tests never meet. */
  REDIS_PREFIX: z.string().min(1).default('nimbus'),
  NIMBUS_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Keystone's [token] expiration, in seconds. */
  TOKEN_EXPIRATION: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(24 * 3600),
  /** Largest request body the REST APIs accept (Keystone's max_request_body_size). */
  MAX_REQUEST_BODY_BYTES: z.coerce.number().int().min(1024).default(114688),
  NIMBUS_POLICY_FILE: z.string().optional(),
  WEB_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  NODE_NAME: z.string().min(1).default('node-1'),
  NODE_ROLES: z.string().default('compute,network,storage'),
  /** Default compute quotas per project (Nova's [quota] section); QuotaDefault rows override them. */
  QUOTA_INSTANCES: z.coerce.number().int().min(-1).default(10),
  QUOTA_CORES: z.coerce.number().int().min(-1).default(20),
  QUOTA_RAM: z.coerce.number().int().min(-1).default(51200),
  QUOTA_KEY_PAIRS: z.coerce.number().int().min(-1).default(100),
  QUOTA_METADATA_ITEMS: z.coerce.number().int().min(-1).default(128),
  /** Default network quotas per project (Neutron's [quotas] section); NetworkQuota rows override them per project. */
  QUOTA_NETWORK: z.coerce.number().int().min(-1).default(100),
  QUOTA_SUBNET: z.coerce.number().int().min(-1).default(100),
  QUOTA_PORT: z.coerce.number().int().min(-1).default(500),
  QUOTA_ROUTER: z.coerce.number().int().min(-1).default(10),
  QUOTA_FLOATINGIP: z.coerce.number().int().min(-1).default(50),
  QUOTA_SECURITY_GROUP: z.coerce.number().int().min(-1).default(10),
  QUOTA_SECURITY_GROUP_RULE: z.coerce.number().int().min(-1).default(100),
  /** VXLAN network identifiers handed to tenant networks (Neutron's ml2_type_vxlan vni_ranges), `first:last`. */
  NEUTRON_VNI_RANGE: z.string().regex(/^\d+:\d+$/, 'must be first:last').default('1000:1999'),
  /** MTU of tenant (VXLAN) networks: 1500 less the 50 bytes of VXLAN over IPv4, as Neutron computes it. */
  NEUTRON_TENANT_MTU: z.coerce.number().int().min(68).max(9000).default(1450),
  /** MTU of flat and VLAN networks. */
  NEUTRON_PHYSICAL_MTU: z.coerce.number().int().min(68).max(9216).default(1500),
  /** Where services keep bulk data on this host (`images/` for the image store, `image-cache/` on nodes). */
  // Not `new URL(rel, import.meta.url)`: bundlers take that for an asset to emit.
  NIMBUS_DATA_DIR: z.string().min(1).default(resolve(dirname(fileURLToPath(import.meta.url)), '../../../.stack/data')),
  /** Password of the service users (nova, glance, ...) the worker and the agents authenticate as. */
  NIMBUS_SERVICE_PASSWORD: z.string().min(1).default('service'),
  /** Size bound of a node's verified image cache; least recently used images go first. */
  IMAGE_CACHE_MAX_BYTES: z.coerce.number().int().min(0).default(20 * 1024 ** 3),
  /** Lifetime of a console URL's one-time token (Nova's [consoleauth] token_ttl). */
  CONSOLE_TOKEN_TTL_S: z.coerce.number().int().min(1).max(24 * 3600).default(600),
});

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string };

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return { ...c, publicUrl: (c.NIMBUS_PUBLIC_URL ?? `http://127.0.0.1:${c.PORT}`).replace(/\/+$/, '') };
}

let cached: Config | undefined;

/** The process's config; exits with the offending variable named when the environment is invalid. */
export function loadConfig(): Config {
  if (cached) return cached;
  try {
    cached = parseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`nimbus: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  return cached;
}
