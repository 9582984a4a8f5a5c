import { z } from 'zod';
import type { LinuxbridgeConfig } from './desired.js';

const LinuxbridgeEnvSchema = z.object({
  /** Required: the driver never works in the host's own namespace. */
  NODE_NETNS: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a namespace name (letters, digits, "_", ".", "-")'),
  /** This node's VXLAN endpoint, an address inside NODE_NETNS; unset keeps tenant networks on this node. */
  NODE_UNDERLAY_IP: z.ipv4().optional(),
});

/** The linuxbridge driver's settings from the environment; throws naming the bad variable. */
export function linuxbridgeConfigFromEnv(env: Record<string, string | undefined>, stateDir: string): LinuxbridgeConfig {
  const r = LinuxbridgeEnvSchema.safeParse(env);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return { nodeNetns: r.data.NODE_NETNS, underlayIp: r.data.NODE_UNDERLAY_IP ?? null, stateDir };
}
