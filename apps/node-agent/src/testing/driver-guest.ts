import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ComputeDriver } from '../drivers/compute/driver.js';

/** Test support for the real compute drivers' tests: watching a tiny-linux guest through a driver. */

/** How often `needle` occurs in `text`. */
export const countOf = (text: string, needle: string) => text.split(needle).length - 1;

/** Waits until the console has shown the boot marker `boots` times and then the shell prompt; returns the console from the last boot. */
export async function waitForBoot(driver: ComputeDriver, id: string, boots: number, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await driver.getConsoleOutput(id)).replace(/\r/g, '');
    const afterLast = text.slice(text.lastIndexOf('NIMBUS_BOOT_OK'));
    if (countOf(text, 'NIMBUS_BOOT_OK') >= boots && afterLast.includes('/ # ')) return afterLast;
    if (Date.now() > deadline) throw new Error(`boot ${boots} not seen; console:\n${text.slice(-2000)}`);
    await sleep(200);
  }
}

/** Types a command on the guest's serial console over TCP (as the console proxy does) and waits for `expected`. */
export async function typeOnSerial(driver: ComputeDriver, id: string, command: string, expected: RegExp): Promise<string> {
  const { host, port } = await driver.getSerialConsole(id);
  const socket = connect(port, host);
  let seen = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (seen += d));
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(`${command}\n`);
    const deadline = Date.now() + 15_000;
    while (!expected.test(seen)) {
      if (Date.now() > deadline) throw new Error(`no ${expected} on the serial console; it showed: ${JSON.stringify(seen)}`);
      await sleep(100);
    }
    return seen;
  } finally {
    socket.destroy();
  }
}
