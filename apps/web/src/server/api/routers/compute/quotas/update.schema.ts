import { z } from 'zod';

const zLimit = z.number().int().min(-1).max(2147483647);

export const ZQuotaValuesSchema = z.object({
  instances: zLimit.optional(),
  cores: zLimit.optional(),
  ram: zLimit.optional(),
  key_pairs: zLimit.optional(),
  metadata_items: zLimit.optional(),
});

/** A project's limits (projectId) or, without it, the cloud's defaults. */
export const ZUpdateInputSchema = z.object({ projectId: z.string().min(1).max(64).optional(), values: ZQuotaValuesSchema });
