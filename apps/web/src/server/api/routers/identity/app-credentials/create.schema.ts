import { z } from 'zod';

export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  description: z.string().max(65535).default(''),
  /** Empty: the server generates one. */
  secret: z.string().max(4096).default(''),
  /** ISO 8601 instant, or empty for no expiry. */
  expiresAt: z.string().max(64).default(''),
  /** A subset of the session's roles; empty means all of them (Keystone's default). */
  roleIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  unrestricted: z.boolean().default(false),
});
