import { readFileSync } from 'node:fs';

/** The agent's version as reported in heartbeats (its package.json), read once. */
export const AGENT_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
