// Idempotent bootstrap data (DevStack's keystone bootstrap + catalog): `npm run db:seed`.
// Other code calls `seed(db, options)` from ./seed/index.
import { pathToFileURL } from 'node:url';
import { createDb } from '@nimbus/db';
import { seed } from './seed/index';

export { seed, type SeedOptions, type SeedResult } from './seed/index';

/** "seed: 52 changes (created 45, granted 7)", plus the updates themselves, which are the surprises. */
function summarizeChanges(changes: string[]): string {
  if (changes.length === 0) return 'seed: already up to date';
  const byVerb = new Map<string, number>();
  for (const change of changes) {
    const verb = change.split(' ')[0]!;
    byVerb.set(verb, (byVerb.get(verb) ?? 0) + 1);
  }
  const counts = [...byVerb].map(([verb, n]) => `${verb} ${n}`).join(', ');
  const updates = changes.filter((c) => c.startsWith('updated')).map((c) => `\n  ${c}`);
  return `seed: ${changes.length} change(s) (${counts})${updates.slice(0, 10).join('')}${updates.length > 10 ? '\n  ...' : ''}`;
}

async function main(): Promise<void> {
  const db = createDb(undefined, { poolSize: 4 });
  try {
    const result = await seed(db);
    const admin = process.env.NIMBUS_ADMIN_PASSWORD ? '(from NIMBUS_ADMIN_PASSWORD)' : 'admin';
    const demo = process.env.NIMBUS_DEMO_PASSWORD ? '(from NIMBUS_DEMO_PASSWORD)' : 'demo';
    const service = process.env.NIMBUS_SERVICE_PASSWORD ? '(from NIMBUS_SERVICE_PASSWORD)' : 'service';
    console.log(
      [
        summarizeChanges(result.changes),
        `seed: domain Default; projects admin, demo, service; roles admin > member > reader; endpoints at ${result.publicUrl}`,
        `seed: users admin/${admin}, demo/${demo}, service users nova glance cinder neutron swift/${service}`,
      ].join('\n'),
    );
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('seed failed:', error);
      process.exit(1);
    },
  );
}
