import { serialConsoleRefusal } from '@nimbus/core/compute/consoles/state';
import type { NodeDriverView } from '@nimbus/core/compute/node-driver';
import { NO_PERMISSION } from './actions';

export const FAKE_DRIVER_CONSOLE = 'Unavailable: this instance runs on the fake driver';

/**
 * Why the Console tab cannot open a console now, in the console's words; undefined when it can.
 * The same conditions the API enforces (policy, host, driver capability, state), so the tab does
 * not ask for a URL only to be refused.
 */
export function serialConsoleUnavailable(
  server: { id: string; vmState: string; taskState: string | null; status: string },
  hypervisor: Pick<NodeDriverView, 'fake' | 'serialConsole'> | null,
  allowed: boolean,
): string | undefined {
  if (!allowed) return NO_PERMISSION;
  if (hypervisor?.fake) return FAKE_DRIVER_CONSOLE;
  if (!hypervisor) return 'The instance is not on a host yet.';
  if (!hypervisor.serialConsole) return "Unavailable: the driver of this instance's host has no serial console.";
  if (serialConsoleRefusal(server)) return `The console is available while the instance is active (it is ${server.status.toLowerCase().replace(/_/g, ' ')}).`;
  return undefined;
}
