import { z } from 'zod';

/** Which option lists a form needs (the selects of "Add role assignment", "Create user", ...). */
export const ZLookupsInputSchema = z.object({
  users: z.boolean().default(false),
  groups: z.boolean().default(false),
  roles: z.boolean().default(false),
  projects: z.boolean().default(false),
});
