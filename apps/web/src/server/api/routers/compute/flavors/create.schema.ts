import { z } from 'zod';

export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  id: z.string().max(255).optional(),
  vcpus: z.number().int().min(1),
  ramMb: z.number().int().min(1),
  diskGb: z.number().int().min(0),
  ephemeralGb: z.number().int().min(0).default(0),
  swapMb: z.number().int().min(0).default(0),
  isPublic: z.boolean().default(true),
  description: z.string().max(65535).optional(),
});
