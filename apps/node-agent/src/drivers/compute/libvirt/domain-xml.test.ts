import { describe, expect, it } from 'vitest';
import type { LaunchSpec } from '../qemu/spec-file.js';
import { domainXml, xmlEscape, type DomainOptions } from './domain-xml.js';
import { libvirtInstancePaths } from './paths.js';

const id = '3f0c8e2a9b7d4c1e8f6a5b4c3d2e1f00';
const spec: LaunchSpec = {
  id,
  name: 'web-1',
  vcpus: 1,
  memoryMb: 128,
  rootGb: 1,
  imageId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  imageFormat: 'qcow2',
  serialHost: '127.0.0.1',
  serialPort: 11000,
};
const paths = libvirtInstancePaths('/var/lib/nimbus/nodes/node-1', id);
const tcg: DomainOptions = { virtType: 'qemu', owner: { uid: 0, gid: 0 } };
const golden = (name: string, xml: string) => expect(xml).toMatchFileSnapshot(`./__golden__/${name}.xml`);

describe('domain XML', () => {
  it('describes a TCG guest: uuid and metadata, flavor sizes, root disk vda, config drive vdb read-only, serial on TCP with a log, no NIC', async () => {
    await golden('normal', domainXml(spec, paths, tcg));
  });

  it('escapes what users and operators choose: the name, folders, the listen address', async () => {
    const weird = libvirtInstancePaths(`/srv/it's <&"> here`, id);
    const xml = domainXml({ ...spec, name: `<&'"> </nimbus:name><evil/>`, serialHost: '::1' }, weird, tcg);
    await golden('escaping', xml);
    expect(xml).not.toContain('<evil/>');
    expect(xml.match(/<nimbus:name>/g)).toHaveLength(1);
  });

  it('carries resized sizes and a KVM guest with the host CPU, run as the given owner', async () => {
    await golden('resized-kvm', domainXml({ ...spec, vcpus: 4, memoryMb: 4096, rootGb: 40 }, paths, { virtType: 'kvm', owner: { uid: 1000, gid: 100 } }));
  });

  it('escapes the five XML specials and nothing else', () => {
    expect(xmlEscape(`a<b>c&d'e"f ü`)).toBe('a&lt;b&gt;c&amp;d&apos;e&quot;f ü');
  });
});
