import { z } from 'zod';

export const ZChangesInputSchema = z.object({
  types: z.array(z.enum(['instance', 'image', 'keypair', 'flavor', 'hypervisor', 'quota', 'network', 'subnet', 'port', 'router', 'floatingip', 'security_group'])).min(1).max(12),
});
