import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { DriverError } from '../driver.js';

/**
 * What relaunching a guest needs, kept in its folder as `spec.json` so that power-on, reboot and
 * resume work after an agent restart without asking the controller again.
 */
export const LaunchSpecSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  vcpus: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
  rootGb: z.number().int().nonnegative(),
  imageId: z.string().optional(),
  /** The cached base image's format, as qemu names it (the overlay's backing format). */
  imageFormat: z.string().min(1),
  serialHost: z.string().min(1),
  serialPort: z.number().int().min(1).max(65535),
});
export type LaunchSpec = z.infer<typeof LaunchSpecSchema>;

/** What a resize must remember to be reverted: whether the guest ran, and its spec before. */
export const ResizeRecordSchema = z.object({
  wasRunning: z.boolean(),
  spec: LaunchSpecSchema,
});
export type ResizeRecord = z.infer<typeof ResizeRecordSchema>;

/** Writes `value` as JSON through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(tmp, path);
}

/** The parsed file, or undefined when it does not exist; a DriverError naming the file when it is damaged. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DriverError(`${path} is not valid JSON.`);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new DriverError(`${path}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
