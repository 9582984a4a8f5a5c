import { CommandError } from '../../../exec/runner.js';

/**
 * `virsh` command lines (pure). Each names the connection explicitly, so what the agent's
 * environment says (LIBVIRT_DEFAULT_URI, a user session) never picks another daemon.
 */
export const virsh = (uri: string, ...args: string[]): string[] => ['virsh', '-c', uri, ...args];

export const virshArgv = {
  version: (uri: string) => virsh(uri, 'version'),
  list: (uri: string) => virsh(uri, 'list', '--all', '--name'),
  dominfo: (uri: string, name: string) => virsh(uri, 'dominfo', name),
  define: (uri: string, xmlPath: string) => virsh(uri, 'define', xmlPath),
  start: (uri: string, name: string) => virsh(uri, 'start', name),
  /** Presses the ACPI power button; the guest decides when it is off. */
  shutdown: (uri: string, name: string) => virsh(uri, 'shutdown', name, '--mode', 'acpi'),
  /** Pulls the plug (the qemu process ends); the definition stays. */
  destroy: (uri: string, name: string) => virsh(uri, 'destroy', name),
  /** The definition goes, with a managed-save image and NVRAM if any. */
  undefine: (uri: string, name: string) => virsh(uri, 'undefine', name, '--managed-save', '--nvram'),
  /** The reset button: the guest reboots at once in the same qemu. */
  reset: (uri: string, name: string) => virsh(uri, 'reset', name),
  /** libvirt's "suspend" is Nova's pause: vCPUs stop, memory stays in the process. */
  pause: (uri: string, name: string) => virsh(uri, 'suspend', name),
  unpause: (uri: string, name: string) => virsh(uri, 'resume', name),
  /** Nova's suspend: memory to libvirt's managed-save image, qemu ends; `start` restores it running. */
  managedSave: (uri: string, name: string) => virsh(uri, 'managedsave', name, '--running'),
  managedSaveRemove: (uri: string, name: string) => virsh(uri, 'managedsave-remove', name),
};

/** The error virsh gives for a domain it does not know (libvirt 9: "failed to get domain"). */
export function isNoDomain(err: unknown): boolean {
  return err instanceof CommandError && /failed to get domain|Domain not found/i.test(err.stderr);
}

/** The error for an operation that needs a running domain (destroy of a shut-off one). */
export function isNotRunning(err: unknown): boolean {
  return err instanceof CommandError && /domain is not running/i.test(err.stderr);
}

/** Nova's integer form of the hypervisor `virsh version` reports (QEMU 7.2.22 → 7002022). */
export function parseHypervisorVersion(text: string): number {
  const m = /Running hypervisor:\s*\S+\s+(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`cannot read the hypervisor version from virsh version: "${text.trim().split('\n').join(' | ')}"`);
  return Number(m[1]) * 1_000_000 + Number(m[2]) * 1000 + Number(m[3] ?? 0);
}
