import { describe, expect, it } from 'vitest';
import { DriverError } from '../driver.js';
import { isActive, parseDomInfo, powerStateOf } from './dominfo.js';

// As libvirt 9's virsh prints them.
const paused = `Id:             1
Name:           nimbus-test1
UUID:           6d0c5f0e-1f7b-4a44-9b86-0d3c7c1d2a11
OS Type:        hvm
State:          paused
CPU(s):         1
CPU time:       0.2s
Max memory:     131072 KiB
Used memory:    131072 KiB
Persistent:     yes
Autostart:      disable
Managed save:   no
Security model: none
Security DOI:   0
Messages:       tainted: running with undesirable elevated privileges

`;
const saved = `Id:             -
Name:           nimbus-test1
UUID:           6d0c5f0e-1f7b-4a44-9b86-0d3c7c1d2a11
OS Type:        hvm
State:          shut off
CPU(s):         2
Max memory:     196608 KiB
Used memory:    196608 KiB
Persistent:     yes
Autostart:      disable
Managed save:   yes
Security model: none
Security DOI:   0
`;

describe('virsh dominfo', () => {
  it('reads state, vCPUs, memory and whether a managed-save image waits', () => {
    expect(parseDomInfo(paused)).toEqual({ state: 'paused', vcpus: 1, memoryMb: 128, managedSave: false });
    expect(parseDomInfo(saved)).toEqual({ state: 'shut off', vcpus: 2, memoryMb: 192, managedSave: true });
  });

  it('refuses output it cannot read, naming the field', () => {
    expect(() => parseDomInfo('Name: x\nCPU(s): 1\nMax memory: 1 KiB\n')).toThrow(new DriverError('virsh dominfo printed no "State".'));
    expect(() => parseDomInfo('State: running\nCPU(s): 1\nMax memory: lots\n')).toThrow(/Max memory: lots/);
  });
});

describe('power state', () => {
  it("maps libvirt's states as Nova does, a shut-off domain with a managed save being suspended", () => {
    const cases: [string, boolean, number][] = [
      ['running', false, 1],
      ['idle', false, 1],
      ['paused', false, 3],
      ['in shutdown', false, 4],
      ['shut off', false, 4],
      ['shut off', true, 7],
      ['crashed', false, 6],
      ['pmsuspended', false, 7],
      ['no state', false, 0],
      ['something new', false, 0],
    ];
    for (const [state, managedSave, power] of cases) expect([state, managedSave, powerStateOf({ state, managedSave })]).toEqual([state, managedSave, power]);
  });

  it('knows which states have a live qemu (serial port open, disk held)', () => {
    expect(['running', 'idle', 'paused', 'in shutdown', 'pmsuspended'].every((state) => isActive({ state }))).toBe(true);
    expect(['shut off', 'crashed', 'no state'].some((state) => isActive({ state }))).toBe(false);
  });
});
