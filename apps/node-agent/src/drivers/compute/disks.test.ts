import { describe, expect, it } from 'vitest';
import { DriverError } from './driver.js';
import { flattenArgv, infoArgv, overlayArgv, parseDiskInfo, qemuFormat, resizeArgv } from './disks.js';

describe('qemu-img argv', () => {
  it('builds overlays with the base format stated, sized or inheriting the base size', () => {
    expect(overlayArgv('/c/img', 'raw', '/i/disk.qcow2', 2 * 1024 ** 3)).toEqual([
      'qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', '/c/img', '/i/disk.qcow2', '2147483648',
    ]);
    expect(overlayArgv('/c/img', 'qcow2', '/i/disk.qcow2')).toEqual(['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', '/c/img', '/i/disk.qcow2']);
  });

  it('resizes, flattens (sharing the lock only when asked) and reads info with the format named', () => {
    expect(resizeArgv('/i/disk.qcow2', 1024)).toEqual(['qemu-img', 'resize', '-q', '-f', 'qcow2', '/i/disk.qcow2', '1024']);
    expect(flattenArgv('/i/disk.qcow2', '/i/snap', { forceShare: true })).toEqual(['qemu-img', 'convert', '-U', '-f', 'qcow2', '-O', 'qcow2', '/i/disk.qcow2', '/i/snap']);
    expect(flattenArgv('/i/disk.qcow2', '/i/snap', { forceShare: false })).not.toContain('-U');
    expect(infoArgv('/c/img', 'raw')).toEqual(['qemu-img', 'info', '--output=json', '-U', '-f', 'raw', '/c/img']);
  });
});

describe('disk facts', () => {
  it('reads size, format, backing file and data file from qemu-img info', () => {
    const overlay = { 'virtual-size': 1073741824, format: 'qcow2', 'backing-filename': '/c/img', 'format-specific': { type: 'qcow2', data: { compat: '1.1' } } };
    expect(parseDiskInfo(JSON.stringify(overlay))).toEqual({ format: 'qcow2', virtualSize: 1073741824, backingFile: '/c/img' });
    const external = { 'virtual-size': 1, format: 'qcow2', 'format-specific': { type: 'qcow2', data: { 'data-file': '/etc/shadow' } } };
    expect(parseDiskInfo(JSON.stringify(external))).toEqual({ format: 'qcow2', virtualSize: 1, dataFile: '/etc/shadow' });
    expect(() => parseDiskInfo('{"format":"raw"}')).toThrow(DriverError);
  });

  it('maps Glance disk formats to qemu formats and refuses unbootable ones', () => {
    expect(qemuFormat('vhd')).toBe('vpc');
    expect(qemuFormat('iso')).toBe('raw');
    expect(qemuFormat('qcow2')).toBe('qcow2');
    expect(() => qemuFormat('aki')).toThrow(/Disk format "aki" cannot be booted/);
  });
});
