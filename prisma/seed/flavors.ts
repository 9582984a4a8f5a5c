import type { PrismaClient } from '@nimbus/db';

/** Nova's classic flavors (ids 1-5) plus DevStack's m1.nano (id 42), for tiny test guests. */
export const FLAVORS = [
  { id: '1', name: 'm1.tiny', vcpus: 1, ramMb: 512, diskGb: 1 },
  { id: '2', name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 },
  { id: '3', name: 'm1.medium', vcpus: 2, ramMb: 4096, diskGb: 40 },
  { id: '4', name: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80 },
  { id: '5', name: 'm1.xlarge', vcpus: 8, ramMb: 16384, diskGb: 160 },
  { id: '42', name: 'm1.nano', vcpus: 1, ramMb: 128, diskGb: 1 },
] as const;

/**
 * Creates the flavors that are missing. One whose id or name is taken is left alone, so an
 * operator's changes to a seeded flavor survive the next start.
 */
export async function seedFlavors(db: PrismaClient, changes: string[]): Promise<void> {
  const taken = await db.flavor.findMany({ where: { OR: [{ id: { in: FLAVORS.map((f) => f.id) } }, { name: { in: FLAVORS.map((f) => f.name) } }] }, select: { id: true, name: true } });
  for (const flavor of FLAVORS) {
    if (taken.some((t) => t.id === flavor.id || t.name === flavor.name)) continue;
    await db.flavor.create({ data: { ...flavor } });
    changes.push(`created flavor ${flavor.name}`);
  }
}
