import { dashedUuid } from '../qemu/paths.js';
import type { LaunchSpec } from '../qemu/spec-file.js';
import { domainName, type LibvirtInstancePaths } from './paths.js';

export type VirtType = 'kvm' | 'qemu';

export interface DomainOptions {
  /** `qemu` is TCG (software emulation); `kvm` only where a guest really runs under KVM. */
  virtType: VirtType;
  /** Who qemu runs as: the agent's own user, which owns the guest's files. */
  owner: { uid: number; gid: number };
}

/** The namespace of nimbus' element in `<metadata>` (libvirt keeps it verbatim; a URN needs no host). */
export const METADATA_NS = 'urn:nimbus:libvirt:instance:1';

/** Text and attribute values (attributes are single-quoted here) with XML's five special characters escaped. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/**
 * The libvirt domain of a guest (pure). The root disk is the first virtio disk and the config drive
 * the second, read-only (the guest contract); the serial port listens on TCP for the console proxy
 * and virtlogd copies it into `console.log`. No NIC (networking brings them) and no graphics.
 *
 * The static DAC label runs qemu as the agent's user and keeps libvirt from relabelling files
 * (relabel='no'): the overlay's backing file is the image cache's shared copy, which libvirt would
 * otherwise chown and mark with its xattrs on every start.
 */
export function domainXml(spec: LaunchSpec, paths: LibvirtInstancePaths, opts: DomainOptions): string {
  const e = xmlEscape;
  const serialSource = `<source mode='bind' host='${e(spec.serialHost)}' service='${spec.serialPort}'/>`;
  const log = `<log file='${e(paths.consoleLog)}' append='on'/>`;
  return `<domain type='${opts.virtType}'>
  <name>${domainName(spec.id)}</name>
  <uuid>${dashedUuid(spec.id)}</uuid>
  <metadata>
    <nimbus:instance xmlns:nimbus='${METADATA_NS}'>
      <nimbus:id>${e(spec.id)}</nimbus:id>
      <nimbus:name>${e(spec.name)}</nimbus:name>
    </nimbus:instance>
  </metadata>
  <memory unit='MiB'>${spec.memoryMb}</memory>
  <vcpu>${spec.vcpus}</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>${opts.virtType === 'kvm' ? "\n  <cpu mode='host-passthrough'/>" : ''}
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${e(paths.disk)}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='${e(paths.configDrive)}'/>
      <target dev='vdb' bus='virtio'/>
      <readonly/>
    </disk>
    <serial type='tcp'>
      ${serialSource}
      <protocol type='raw'/>
      ${log}
      <target port='0'/>
    </serial>
    <console type='tcp'>
      ${serialSource}
      <protocol type='raw'/>
      ${log}
      <target type='serial' port='0'/>
    </console>
    <controller type='usb' model='none'/>
    <memballoon model='none'/>
  </devices>
  <seclabel type='static' model='dac' relabel='no'>
    <label>+${opts.owner.uid}:+${opts.owner.gid}</label>
  </seclabel>
</domain>
`;
}
