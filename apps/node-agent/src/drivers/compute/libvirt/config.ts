import { isIP } from 'node:net';
import { z } from 'zod';

const int = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);

const LibvirtEnvSchema = z
  .object({
    /** The libvirt connection; the default is the host's system daemon (scripts/libvirt.sh starts it). */
    LIBVIRT_URI: z.string().min(1).default('qemu:///system'),
    /** The domain type: `auto` is `kvm` only when a probe guest really runs under KVM, else `qemu` (TCG). */
    LIBVIRT_VIRT_TYPE: z.enum(['auto', 'kvm', 'qemu']).default('auto'),
    /** Serial consoles listen on TCP ports from this range, one per guest (apart from the qemu driver's). */
    LIBVIRT_SERIAL_PORT_MIN: int(1, 65535, 11000),
    LIBVIRT_SERIAL_PORT_MAX: int(1, 65535, 11999),
    /** How long a guest gets to power off on ACPI before it is stopped hard. */
    LIBVIRT_SHUTDOWN_TIMEOUT_MS: int(0, 3_600_000, 30_000),
    /** The address serial consoles listen on (the node's address, reached by the console proxy). */
    NODE_HOST_IP: z
      .string()
      .refine((v) => isIP(v) !== 0, 'an IP address')
      .default('127.0.0.1'),
  })
  .refine((e) => e.LIBVIRT_SERIAL_PORT_MIN <= e.LIBVIRT_SERIAL_PORT_MAX, {
    path: ['LIBVIRT_SERIAL_PORT_MAX'],
    message: 'must not be below LIBVIRT_SERIAL_PORT_MIN',
  });

export interface LibvirtDriverConfig {
  uri: string;
  virtType: 'auto' | 'kvm' | 'qemu';
  serialHost: string;
  serialPorts: { min: number; max: number };
  shutdownTimeoutMs: number;
}

/** The libvirt driver's settings from the environment; throws naming the bad variable. */
export function libvirtConfigFromEnv(env: Record<string, string | undefined>): LibvirtDriverConfig {
  const r = LibvirtEnvSchema.safeParse(env);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = r.data;
  return {
    uri: e.LIBVIRT_URI,
    virtType: e.LIBVIRT_VIRT_TYPE,
    serialHost: e.NODE_HOST_IP,
    serialPorts: { min: e.LIBVIRT_SERIAL_PORT_MIN, max: e.LIBVIRT_SERIAL_PORT_MAX },
    shutdownTimeoutMs: e.LIBVIRT_SHUTDOWN_TIMEOUT_MS,
  };
}
