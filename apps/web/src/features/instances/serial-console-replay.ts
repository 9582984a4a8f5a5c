/**
 * What the guest printed before the session opened, for the screen: the console log's tail with
 * terminal queries removed (busybox's shell asks for the cursor position after every prompt, and
 * xterm answering an old question would type the answer into the live shell), newlines as CRLF.
 */
export function replayText(log: string): string {
  // eslint-disable-next-line no-control-regex
  return log.replace(/\x1b\[[0-9;]*n/g, '').replace(/\r?\n/g, '\r\n');
}
