import { isIP } from 'node:net';
import { z } from 'zod';

const int = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);

const QemuEnvSchema = z
  .object({
    QEMU_BINARY: z.string().min(1).default('qemu-system-x86_64'),
    /** `auto` uses KVM only when a probe guest really runs under it. */
    QEMU_ACCEL: z.enum(['auto', 'kvm', 'tcg']).default('auto'),
    /** `auto`: `none` (O_DIRECT, no host page cache) where the state folder's filesystem allows it. */
    QEMU_DISK_CACHE: z.enum(['auto', 'none', 'writeback']).default('auto'),
    /** Serial consoles listen on TCP ports from this range, one per guest. */
    QEMU_SERIAL_PORT_MIN: int(1, 65535, 10000),
    QEMU_SERIAL_PORT_MAX: int(1, 65535, 10999),
    /** How long a guest gets to power off on ACPI before it is stopped hard. */
    QEMU_SHUTDOWN_TIMEOUT_MS: int(0, 3_600_000, 30_000),
    /** How long a launched qemu gets to answer QMP and run. */
    QEMU_START_TIMEOUT_MS: int(1000, 600_000, 30_000),
    /** The address serial consoles listen on (the node's address, reached by the console proxy). */
    NODE_HOST_IP: z
      .string()
      .refine((v) => isIP(v) !== 0, 'an IP address')
      .default('127.0.0.1'),
  })
  .refine((e) => e.QEMU_SERIAL_PORT_MIN <= e.QEMU_SERIAL_PORT_MAX, {
    path: ['QEMU_SERIAL_PORT_MAX'],
    message: 'must not be below QEMU_SERIAL_PORT_MIN',
  });

export interface QemuDriverConfig {
  binary: string;
  accel: 'auto' | 'kvm' | 'tcg';
  diskCache: 'auto' | 'none' | 'writeback';
  serialHost: string;
  serialPorts: { min: number; max: number };
  shutdownTimeoutMs: number;
  startTimeoutMs: number;
}

/** The qemu driver's settings from the environment; throws naming the bad variable. */
export function qemuConfigFromEnv(env: Record<string, string | undefined>): QemuDriverConfig {
  const r = QemuEnvSchema.safeParse(env);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = r.data;
  return {
    binary: e.QEMU_BINARY,
    accel: e.QEMU_ACCEL,
    diskCache: e.QEMU_DISK_CACHE,
    serialHost: e.NODE_HOST_IP,
    serialPorts: { min: e.QEMU_SERIAL_PORT_MIN, max: e.QEMU_SERIAL_PORT_MAX },
    shutdownTimeoutMs: e.QEMU_SHUTDOWN_TIMEOUT_MS,
    startTimeoutMs: e.QEMU_START_TIMEOUT_MS,
  };
}
