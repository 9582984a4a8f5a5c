import type { NodeDriverView } from '@nimbus/core/compute/node-driver';

/** Nova's integer hypervisor version (major × 1,000,000 + minor × 1,000 + micro) as "8.2.0". */
export function formatHypervisorVersion(version: number): string {
  if (version <= 0) return '';
  return `${Math.floor(version / 1_000_000)}.${Math.floor(version / 1_000) % 1_000}.${version % 1_000}`;
}

/** The label a node's driver earns: fake first (nothing real runs there), then how guests run. */
export function driverLabel(driver: Pick<NodeDriverView, 'fake' | 'accel'>): { text: string; tone: 'warning' | 'active' | 'neutral'; hint: string } | null {
  if (driver.fake) return { text: 'FAKE driver', tone: 'warning', hint: 'In-memory driver: no guest really runs on this node.' };
  if (driver.accel === 'KVM') return { text: 'KVM', tone: 'active', hint: 'Guests run with hardware virtualization (KVM).' };
  if (driver.accel === 'TCG') return { text: 'TCG (software emulation)', tone: 'neutral', hint: 'KVM is not usable on this node: guests run under QEMU TCG, much slower.' };
  return null;
}
