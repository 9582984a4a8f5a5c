import { join } from 'node:path';
import type { DnsmasqFiles } from './commands.js';

/** Where the driver keeps its files inside the node's state folder. */
export const nftDir = (stateDir: string) => join(stateDir, 'network', 'nft');
export const nftFile = (stateDir: string, key: string) => join(nftDir(stateDir), `${key}.nft`);
export const dhcpRoot = (stateDir: string) => join(stateDir, 'network', 'dhcp');
export const dhcpDir = (stateDir: string, networkId: string) => join(dhcpRoot(stateDir), networkId);

export function dhcpFiles(stateDir: string, networkId: string): DnsmasqFiles & { argv: string } {
  const dir = dhcpDir(stateDir, networkId);
  return { hosts: join(dir, 'hosts'), pid: join(dir, 'pid'), leases: join(dir, 'leases'), argv: join(dir, 'argv.json') };
}
