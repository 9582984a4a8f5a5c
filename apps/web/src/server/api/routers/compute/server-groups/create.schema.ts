import { z } from 'zod';
import { SERVER_GROUP_POLICIES } from '@nimbus/core/compute/server-groups';

/** The Create Server Group dialog; the core service validates again (one source of truth). */
export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  policy: z.enum(SERVER_GROUP_POLICIES),
  /** anti-affinity only: how many members one host may hold. */
  maxServerPerHost: z.number().int().min(1).max(1000).optional(),
});
