import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandRunner } from '../../../exec/runner.js';
import * as cmd from './commands.js';
import type { LinuxbridgeConfig } from './desired.js';
import { parseAddresses, parseFdb, parseLinks, parseNamespaces, parseRoutes, parseRuleset, type Observed, type ObservedDnsmasq } from './observed.js';
import { dhcpFiles, dhcpRoot, nftDir } from './paths.js';

const readOr = (path: string) => readFile(path, 'utf8').catch(() => null);
const listOr = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** Whether `pid` is a live dnsmasq (a recycled pid of another program does not count). */
async function isDnsmasq(pid: number): Promise<boolean> {
  const cmdline = await readOr(`/proc/${pid}/cmdline`);
  return cmdline !== null && cmdline.split('\0').some((a) => a.endsWith('dnsmasq'));
}

async function observeDnsmasq(stateDir: string, networkId: string): Promise<ObservedDnsmasq> {
  const files = dhcpFiles(stateDir, networkId);
  const pidText = await readOr(files.pid);
  const pid = pidText ? Number(pidText.trim()) : NaN;
  return {
    pid: Number.isInteger(pid) && pid > 0 && (await isDnsmasq(pid)) ? pid : null,
    argv: await readOr(files.argv),
    hosts: await readOr(files.hosts),
  };
}

/** Reads everything the planner compares: the node namespace, the driver's namespaces and files. */
export async function observe(runner: CommandRunner, cfg: LinuxbridgeConfig): Promise<Observed> {
  const node = cfg.nodeNetns;
  const text = async (argv: string[]) => (await runner.run(argv)).stdout;
  const links = parseLinks(await text(cmd.listLinks(node)));
  const fdb = new Map<string, Set<string>>();
  for (const l of links.values()) if (l.kind === 'vxlan') fdb.set(l.name, parseFdb(await text(cmd.listFdb(node, l.name))));
  const namespaces = parseNamespaces(await text(cmd.listNamespaces()));
  const inside: Observed['inside'] = new Map();
  for (const ns of namespaces) {
    if (!ns.startsWith(`${node}-qdhcp-`) && !ns.startsWith(`${node}-qrouter-`)) continue;
    inside.set(ns, {
      devices: parseAddresses(await text(cmd.listAddresses(ns))),
      routes: parseRoutes(await text(cmd.listRoutes(ns))),
      tables: parseRuleset(await text(cmd.listRuleset(ns))).tables,
    });
  }
  const applied = new Map<string, string>();
  for (const f of await listOr(nftDir(cfg.stateDir))) {
    const content = f.endsWith('.nft') ? await readOr(join(nftDir(cfg.stateDir), f)) : null;
    if (content !== null && !f.startsWith('remove-')) applied.set(f.slice(0, -4), content);
  }
  const dnsmasq = new Map<string, ObservedDnsmasq>();
  for (const networkId of await listOr(dhcpRoot(cfg.stateDir))) dnsmasq.set(networkId, await observeDnsmasq(cfg.stateDir, networkId));
  return { links, fdb, namespaces, inside, ruleset: parseRuleset(await text(cmd.listRuleset(node))), applied, dnsmasq };
}
