import { z } from 'zod';

/** The Launch Instance wizard's answers; the core service validates them again (one source of truth). */
export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  count: z.number().int().min(1).max(100).default(1),
  availabilityZone: z.string().max(255).optional(),
  imageId: z.string().max(64),
  flavorId: z.string().max(64),
  keyName: z.string().max(255).optional(),
  /** Join this server group (Nova's `group` scheduler hint). */
  serverGroupId: z.string().max(64).optional(),
  description: z.string().max(255).optional(),
});
