import { listAvailabilityZones } from '@nimbus/core/compute/availability-zones';
import { consoleListKeyPairs } from '@nimbus/core/compute/console-keypairs';
import { consoleListServerGroups } from '@nimbus/core/compute/console-server-groups';
import { listFlavors } from '@nimbus/core/compute/flavors';
import { consoleListImages } from '@nimbus/core/image/console-images';
import { getLimits } from '@nimbus/core/quota/quota-sets';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';

/** Everything the Launch Instance wizard offers, with the project's limits and usage for the quota impact. */
export async function launchOptionsHandler({ ctx }: { ctx: ConsoleHandlerCtx }) {
  const [zones, flavors, images, keyPairs, serverGroups, limits] = await Promise.all([
    listAvailabilityZones(ctx.ctx).catch(() => []),
    listFlavors(ctx.ctx, { limit: 1000 }),
    consoleListImages(ctx.ctx, { bootable: true, pageSize: 100 }),
    consoleListKeyPairs(ctx.ctx, { pageSize: 100 }).catch(() => ({ items: [] })),
    consoleListServerGroups(ctx.ctx, { pageSize: 100 }).catch(() => ({ items: [] })),
    getLimits(ctx.ctx),
  ]);
  return {
    zones: zones.filter((z) => z.available).map((z) => z.name),
    flavors: flavors.items.map((f) => ({ id: f.id, name: f.name, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb })).sort((a, b) => a.vcpus - b.vcpus || a.ramMb - b.ramMb),
    images: images.items.map((i) => ({ id: i.id, name: i.name, size: i.size, minDisk: i.minDisk, minRam: i.minRam, diskFormat: i.diskFormat, visibility: i.visibility })),
    keyPairs: keyPairs.items.map((k) => ({ name: k.name, fingerprint: k.fingerprint })),
    serverGroups: serverGroups.items.map((g) => ({ id: g.id, name: g.name, policy: g.policy, members: g.members })),
    quota: {
      instances: { limit: limits.limits.instances, used: limits.used.instances },
      cores: { limit: limits.limits.cores, used: limits.used.cores },
      ram: { limit: limits.limits.ram, used: limits.used.ram },
    },
  };
}
