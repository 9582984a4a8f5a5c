import { open } from 'node:fs/promises';

/** How much of a console log is read at most (Nova caps console output at 100 KiB; a bit more here). */
export const MAX_CONSOLE_BYTES = 1024 * 1024;

/**
 * The end of a serial console log: at most `maxBytes`, starting at a line boundary when cut, as
 * text (bytes that are not UTF-8, and a character cut in half, become U+FFFD, so the result is
 * always valid UTF-8); only the last `lines` lines when given. A missing log reads as empty.
 */
export async function consoleTail(path: string, lines?: number, maxBytes = MAX_CONSOLE_BYTES): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
  let text: string;
  try {
    const { size } = await file.stat();
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    await file.read(buf, 0, length, size - length);
    text = buf.toString('utf8');
    if (length < size) text = text.slice(text.indexOf('\n') + 1);
  } finally {
    await file.close();
  }
  if (lines === undefined) return text;
  if (lines <= 0) return '';
  return text.split(/(?<=\n)/).slice(-lines).join('');
}
