import { PowerState } from '@nimbus/shared/compute-states';
import { DriverError, type PowerStateNumber } from '../driver.js';

/** What `virsh dominfo` says about a domain. */
export interface DomInfo {
  /** virsh's words: `running`, `idle`, `paused`, `in shutdown`, `shut off`, `crashed`, `pmsuspended`, `no state`. */
  state: string;
  vcpus: number;
  memoryMb: number;
  /** A managed-save image (Nova's suspend) waits to be restored by the next start. */
  managedSave: boolean;
}

/** Reads `virsh dominfo` (pure); a DriverError when a field it needs is missing. */
export function parseDomInfo(text: string): DomInfo {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const field = (name: string) => {
    const v = fields.get(name);
    if (v === undefined) throw new DriverError(`virsh dominfo printed no "${name}".`);
    return v;
  };
  const memory = /^(\d+) KiB$/.exec(field('Max memory'));
  if (!memory) throw new DriverError(`virsh dominfo: unexpected "Max memory: ${field('Max memory')}".`);
  return {
    state: field('State'),
    vcpus: Number(field('CPU(s)')),
    memoryMb: Math.round(Number(memory[1]) / 1024),
    managedSave: fields.get('Managed save') === 'yes',
  };
}

/**
 * Nova's power state for a libvirt domain (nova/virt/libvirt/driver.py's LIBVIRT_POWER_STATE):
 * idle is a running guest; a domain shutting down still counts as off, as in Nova; and a shut-off
 * domain with a managed-save image is suspended.
 */
export function powerStateOf(info: Pick<DomInfo, 'state' | 'managedSave'>): PowerStateNumber {
  switch (info.state) {
    case 'running':
    case 'idle':
      return PowerState.Running;
    case 'paused':
      return PowerState.Paused;
    case 'in shutdown':
      return PowerState.Shutdown;
    case 'shut off':
      return info.managedSave ? PowerState.Suspended : PowerState.Shutdown;
    case 'crashed':
      return PowerState.Crashed;
    case 'pmsuspended':
      return PowerState.Suspended;
    default:
      return PowerState.NoState;
  }
}

/** Whether the domain's qemu process is alive (so its serial port listens and its disk is open). */
export function isActive(info: Pick<DomInfo, 'state'>): boolean {
  return ['running', 'idle', 'paused', 'in shutdown', 'pmsuspended'].includes(info.state);
}
