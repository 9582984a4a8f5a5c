import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeCapacity } from '@nimbus/shared/queues';
import {
  DriverError,
  InstanceNotFound,
  type ComputeCapabilities,
  type ComputeDriver,
  type InstanceInfo,
  type InstanceSpec,
  type PowerStateNumber,
  type ResizeSpec,
  type SerialConsoleEndpoint,
} from '../driver.js';
import type { FakeDriverConfig } from './config.js';

interface FakeInstance {
  spec: InstanceSpec;
  powerState: PowerStateNumber;
  console: string[];
}

const RUNNING = 1;
const PAUSED = 3;
const SHUTDOWN = 4;
const SUSPENDED = 7;

/**
 * The in-memory compute driver (Nova's `fake.FakeDriver`): no guest runs, capacity is what the
 * config says, steps take a configurable time, and spawns fail on demand for tests. State lives
 * in this process only: a restarted agent starts empty, and a redelivered spawn simply spawns again.
 */
export class FakeComputeDriver implements ComputeDriver {
  readonly name = 'fake';
  readonly fake = true;
  readonly hypervisorType = 'fake';
  readonly hypervisorVersion = 1000;
  readonly capabilities: ComputeCapabilities = {
    hasImagecache: false,
    supportsPause: true,
    supportsSuspend: true,
    supportsSnapshot: true,
    supportsConsoleOutput: true,
    supportsResize: true,
    supportsAttachVolume: false,
    supportsAttachInterface: false,
    supportsSerialConsole: false,
  };

  private readonly instances = new Map<string, FakeInstance>();
  private failedOnce = false;

  constructor(
    private readonly config: FakeDriverConfig,
    private readonly nodeName = 'fake',
  ) {}

  async init(): Promise<void> {}

  async spawn(spec: InstanceSpec): Promise<void> {
    const existing = this.instances.get(spec.id);
    if (existing && existing.powerState === RUNNING) return;
    const inst: FakeInstance = { spec, powerState: 0, console: [] };
    this.instances.set(spec.id, inst);
    await sleep(this.config.spawnDelayMs);
    if (this.shouldFail(spec)) {
      this.instances.delete(spec.id);
      throw new DriverError(`Fake spawn failure injected for instance ${spec.name || spec.id} on ${this.nodeName}.`);
    }
    inst.powerState = RUNNING;
    this.boot(inst);
  }

  async destroy(instanceId: string): Promise<void> {
    await sleep(this.config.stepDelayMs);
    this.instances.delete(instanceId);
  }

  async reboot(instanceId: string, kind: 'soft' | 'hard'): Promise<void> {
    const inst = await this.step(instanceId);
    if (kind === 'soft' && inst.powerState !== RUNNING) throw new DriverError(`Instance ${instanceId} is not running.`);
    inst.console.push(kind === 'soft' ? '[  OK  ] Reached target Reboot.' : '[fake] hard reset');
    inst.powerState = RUNNING;
    this.boot(inst);
  }

  async powerOn(instanceId: string): Promise<void> {
    const inst = await this.step(instanceId);
    if (inst.powerState === RUNNING) return;
    inst.powerState = RUNNING;
    this.boot(inst);
  }

  async powerOff(instanceId: string): Promise<void> {
    const inst = await this.step(instanceId);
    if (inst.powerState === SHUTDOWN) return;
    inst.console.push('[  OK  ] Reached target Power-Off.', 'reboot: Power down');
    inst.powerState = SHUTDOWN;
  }

  async pause(instanceId: string): Promise<void> {
    (await this.step(instanceId, [RUNNING, PAUSED])).powerState = PAUSED;
  }

  async unpause(instanceId: string): Promise<void> {
    (await this.step(instanceId, [PAUSED, RUNNING])).powerState = RUNNING;
  }

  async suspend(instanceId: string): Promise<void> {
    (await this.step(instanceId, [RUNNING, SUSPENDED])).powerState = SUSPENDED;
  }

  async resume(instanceId: string): Promise<void> {
    (await this.step(instanceId, [SUSPENDED, RUNNING])).powerState = RUNNING;
  }

  async getInfo(instanceId: string): Promise<InstanceInfo> {
    const inst = this.get(instanceId);
    return { id: instanceId, powerState: inst.powerState, vcpus: inst.spec.vcpus, memoryMb: inst.spec.memoryMb };
  }

  async listInstances(): Promise<string[]> {
    return [...this.instances.keys()];
  }

  async getConsoleOutput(instanceId: string, lines?: number): Promise<string> {
    const all = this.get(instanceId).console;
    return (lines === undefined ? all : all.slice(-lines)).join('\n') + '\n';
  }

  async snapshot(instanceId: string, _targetImageId: string): Promise<void> {
    await this.step(instanceId);
  }

  async resize(instanceId: string, to: ResizeSpec): Promise<void> {
    const inst = await this.step(instanceId);
    inst.spec = { ...inst.spec, ...to };
  }

  async confirmResize(instanceId: string): Promise<void> {
    await this.step(instanceId);
  }

  async revertResize(instanceId: string, to: ResizeSpec): Promise<void> {
    const inst = await this.step(instanceId);
    inst.spec = { ...inst.spec, ...to };
  }

  async getSerialConsole(instanceId: string): Promise<SerialConsoleEndpoint> {
    this.get(instanceId);
    throw new DriverError('The fake compute driver runs no guest, so it has no serial console.');
  }

  async getAvailableResource(): Promise<NodeCapacity> {
    let memoryMb = 0;
    let diskGb = 0;
    for (const { spec } of this.instances.values()) {
      memoryMb += spec.memoryMb;
      diskGb += spec.rootGb;
    }
    return {
      cpus: Math.max(1, this.config.vcpus),
      memoryMb: this.config.memoryMb,
      memoryFreeMb: Math.max(0, this.config.memoryMb - memoryMb),
      diskGb: this.config.diskGb,
      diskFreeGb: Math.max(0, this.config.diskGb - diskGb),
    };
  }

  async attachVolume(): Promise<void> {}
  async detachVolume(): Promise<void> {}
  async plugVifs(): Promise<void> {}
  async unplugVifs(): Promise<void> {}
  async close(): Promise<void> {}

  private shouldFail(spec: InstanceSpec): boolean {
    const f = this.config.failSpawn;
    if (f.kind === 'always') return true;
    if (f.kind === 'match') return f.pattern.test(spec.name || spec.id);
    if (f.kind === 'once' && !this.failedOnce) {
      this.failedOnce = true;
      return true;
    }
    return false;
  }

  private get(instanceId: string): FakeInstance {
    const inst = this.instances.get(instanceId);
    if (!inst) throw new InstanceNotFound(instanceId);
    return inst;
  }

  /** Waits the step delay, then returns the instance, refusing a power state the step cannot start from. */
  private async step(instanceId: string, from?: PowerStateNumber[]): Promise<FakeInstance> {
    await sleep(this.config.stepDelayMs);
    const inst = this.get(instanceId);
    if (from && !from.includes(inst.powerState)) {
      throw new DriverError(`Instance ${instanceId} is in power state ${inst.powerState}, cannot do that from it.`);
    }
    return inst;
  }

  private boot(inst: FakeInstance): void {
    const host = inst.spec.name.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 63) || 'fake';
    const t = () => (process.uptime() % 10).toFixed(6).padStart(12);
    inst.console.push(
      `[${t()}] Linux version 6.1.0-fake (nimbus fake driver on ${this.nodeName})`,
      `[${t()}] Command line: console=ttyS0 root=/dev/vda1`,
      `[${t()}] Memory: ${inst.spec.memoryMb * 1024}K available, ${inst.spec.vcpus} CPU(s)`,
      `[  OK  ] Reached target Multi-User System.`,
      '',
      `${host} login: `,
    );
  }
}
