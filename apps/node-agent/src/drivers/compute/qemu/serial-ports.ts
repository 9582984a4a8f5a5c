import { createServer } from 'node:net';
import { DriverError } from '../driver.js';
import { LaunchSpecSchema, readJsonFile, writeJsonAtomic, type LaunchSpec } from './spec-file.js';

/** True when nothing listens on host:port (qemu binds it the same way, so what we can bind, it can). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port }, () => server.close(() => resolve(true)));
  });
}

/**
 * The lowest port of the range that no other guest has been given (`taken`) and that is free on
 * the host now. Guests keep their port across restarts (it is in their spec), hence `taken`.
 */
export async function allocatePort(host: string, range: { min: number; max: number }, taken: ReadonlySet<number>): Promise<number | undefined> {
  for (let port = range.min; port <= range.max; port++) {
    if (!taken.has(port) && (await portIsFree(host, port))) return port;
  }
  return undefined;
}

/**
 * Gives each guest of a node its own serial console port, one decision at a time (two spawns must
 * not pick the same free port), and saves the guest's spec with it. A guest keeps its port while it
 * is still free and this node's; otherwise it gets the lowest free one. Shared by the qemu and
 * libvirt drivers; `rangeVars` names the settings of the range in the error.
 */
export class SerialPortAssigner {
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: string,
    private readonly range: { min: number; max: number },
    private readonly rangeVars: string,
  ) {}

  /** `others`: the spec files of the node's other guests, whose ports are taken. */
  assign(spec: Omit<LaunchSpec, 'serialPort'> & { serialPort?: number }, specPath: string, others: () => Promise<string[]>): Promise<LaunchSpec> {
    const run = this.lock.then(async () => {
      const taken = new Set<number>();
      for (const path of await others()) {
        const other = await readJsonFile(path, LaunchSpecSchema).catch(() => undefined);
        if (other) taken.add(other.serialPort);
      }
      let port = spec.serialPort;
      if (port === undefined || spec.serialHost !== this.host || taken.has(port) || !(await portIsFree(this.host, port))) {
        port = await allocatePort(this.host, this.range, taken);
        if (port === undefined) throw new DriverError(`No free serial console port in ${this.range.min}-${this.range.max} (${this.rangeVars}).`);
      }
      const full: LaunchSpec = { ...spec, serialHost: this.host, serialPort: port };
      await writeJsonAtomic(specPath, full);
      return full;
    });
    this.lock = run.catch(() => undefined);
    return run;
  }
}
