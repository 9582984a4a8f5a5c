import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandRunner, RunResult } from '../../../exec/runner.js';
import { isActive, parseDomInfo, type DomInfo } from './dominfo.js';
import { instanceIdOf } from './paths.js';
import { isNoDomain, isNotRunning, parseHypervisorVersion, virshArgv } from './virsh.js';

/** How often a graceful power-off looks whether the guest is off yet. */
const POLL_MS = 200;
/** virsh calls are quick once libvirtd runs; its first answer after a start takes ~10 s. */
const VIRSH_TIMEOUT_MS = 60_000;

/**
 * The domains of one libvirt connection, by name, through `virsh` on the injected runner:
 * the steps the driver composes, each tolerant of the state it would leave (destroying a stopped
 * domain, undefining a missing one), so the driver's methods stay idempotent.
 */
export class Domains {
  constructor(
    private readonly runner: CommandRunner,
    private readonly uri: string,
  ) {}

  private run(argv: string[], timeoutMs = VIRSH_TIMEOUT_MS): Promise<RunResult> {
    return this.runner.run(argv, { timeoutMs });
  }

  async hypervisorVersion(): Promise<number> {
    return parseHypervisorVersion((await this.run(virshArgv.version(this.uri))).stdout);
  }

  /** Instance ids of every `nimbus-<id>` domain of the connection, running or not. */
  async instanceIds(): Promise<string[]> {
    const { stdout } = await this.run(virshArgv.list(this.uri));
    return stdout
      .split('\n')
      .map((name) => instanceIdOf(name.trim()))
      .filter((id): id is string => id !== undefined);
  }

  /** The domain's state, or undefined when there is no such domain. */
  async info(name: string): Promise<DomInfo | undefined> {
    try {
      return parseDomInfo((await this.run(virshArgv.dominfo(this.uri, name))).stdout);
    } catch (err) {
      if (isNoDomain(err)) return undefined;
      throw err;
    }
  }

  /** Defines (or redefines: same name and uuid) the domain from an XML file. */
  async define(xmlPath: string): Promise<void> {
    await this.run(virshArgv.define(this.uri, xmlPath));
  }

  /** Boots a defined domain, or restores it from its managed-save image when it has one. */
  async start(name: string, timeoutMs?: number): Promise<void> {
    await this.run(virshArgv.start(this.uri, name), timeoutMs);
  }

  async reset(name: string): Promise<void> {
    await this.run(virshArgv.reset(this.uri, name));
  }

  async pause(name: string): Promise<void> {
    await this.run(virshArgv.pause(this.uri, name));
  }

  async unpause(name: string): Promise<void> {
    await this.run(virshArgv.unpause(this.uri, name));
  }

  async managedSave(name: string, timeoutMs: number): Promise<void> {
    await this.run(virshArgv.managedSave(this.uri, name), timeoutMs);
  }

  async managedSaveRemove(name: string): Promise<void> {
    await this.run(virshArgv.managedSaveRemove(this.uri, name));
  }

  /**
   * ACPI power button, then waits until the domain is off. False when it still runs after
   * `timeoutMs` (a guest that ignores ACPI, or is paused); the caller then decides.
   */
  async shutdown(name: string, timeoutMs: number): Promise<boolean> {
    try {
      await this.run(virshArgv.shutdown(this.uri, name));
    } catch (err) {
      if (!isNotRunning(err)) throw err;
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = await this.info(name);
      if (!info || !isActive(info)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
  }

  /** Ends the domain's qemu at once; a domain that is not running (or not there) is fine. */
  async destroy(name: string): Promise<void> {
    try {
      await this.run(virshArgv.destroy(this.uri, name));
    } catch (err) {
      if (!isNotRunning(err) && !isNoDomain(err)) throw err;
    }
  }

  /** Removes the definition and any managed-save image; a missing domain is fine. */
  async undefine(name: string): Promise<void> {
    try {
      await this.run(virshArgv.undefine(this.uri, name));
    } catch (err) {
      if (!isNoDomain(err)) throw err;
    }
  }
}
