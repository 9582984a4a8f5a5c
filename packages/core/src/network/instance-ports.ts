import { Forbidden } from '@nimbus/shared';
import type { Tx } from './common.js';
import { conflict, neutronError, notFound } from './errors.js';
import { insertPort } from './ports.js';
import { portInclude, type PortRow } from './ports-common.js';
import { ensureDefaultSecurityGroupTx } from './security-groups.js';

/**
 * The ports of a server (Nova's allocate_for_instance / deallocate_for_instance), in the caller's
 * transaction so a server create and its ports commit or fail together. Not yet called: the
 * server create wires this in with one call.
 */
export type RequestedNetwork = { networkId: string; fixedIp?: string | undefined } | { portId: string };

export interface AllocatePortsInput {
  projectId: string;
  instanceId: string;
  requested: RequestedNetwork[];
  /** The server's availability zone: device_owner is `compute:<zone>`, as Nova sets it. */
  availabilityZone?: string | undefined;
  /** Security groups by id; the project's `default` group when absent. */
  securityGroupIds?: string[] | undefined;
}

/**
 * Makes a port per requested network (on the project's own networks, shared ones, or external
 * ones only when shared) and binds a requested port (the project's, not bound elsewhere: 409
 * PortInUse otherwise). Returns the ports in request order.
 */
export async function allocatePortsForInstance(tx: Tx, input: AllocatePortsInput): Promise<PortRow[]> {
  const deviceOwner = `compute:${input.availabilityZone ?? 'nova'}`;
  const out: PortRow[] = [];
  for (const req of input.requested) {
    if ('portId' in req) {
      const port = await tx.port.findUnique({ where: { id: req.portId } });
      if (!port || port.projectId !== input.projectId) throw notFound('port', req.portId);
      if (port.deviceId || port.deviceOwner) {
        throw conflict('PortInUse', `Unable to complete operation on port ${port.id} for network ${port.networkId}. Port already has an attached device ${port.deviceId}.`);
      }
      out.push(await tx.port.update({ where: { id: port.id }, data: { deviceId: input.instanceId, deviceOwner, revision: { increment: 1 } }, include: portInclude }));
      continue;
    }
    const network = await tx.network.findUnique({ where: { id: req.networkId } });
    if (!network || (network.projectId !== input.projectId && !network.shared && !network.external)) throw notFound('network', req.networkId);
    if (network.projectId !== input.projectId && !network.shared) {
      throw neutronError(new Forbidden(`Tenant ${input.projectId} not allowed to create port on this network`), 'HTTPForbidden');
    }
    const groups = input.securityGroupIds ?? [await ensureDefaultSecurityGroupTx(tx, input.projectId)];
    const found = await tx.securityGroup.findMany({ where: { id: { in: groups }, projectId: input.projectId }, select: { id: true } });
    const missing = groups.find((g) => !found.some((f) => f.id === g));
    if (missing) throw notFound('security_group', missing);
    const port = await insertPort(tx, {
      projectId: input.projectId,
      network,
      deviceId: input.instanceId,
      deviceOwner,
      fixedIps: req.fixedIp === undefined ? undefined : [{ ip_address: req.fixedIp }],
      securityGroupIds: groups,
      portSecurityEnabled: true,
      checkQuota: true,
      createdForInstance: true,
    });
    out.push(port);
  }
  return out;
}

/**
 * A server's ports when it goes: the ones its create made are deleted (their addresses freed),
 * the ones the user handed over are unbound and kept. Floating IPs on them are disassociated.
 */
export async function releasePortsForInstance(tx: Tx, instanceId: string): Promise<void> {
  const ports = await tx.port.findMany({ where: { deviceId: instanceId, deviceOwner: { startsWith: 'compute:' } } });
  const ids = ports.map((p) => p.id);
  await tx.floatingIp.updateMany({ where: { portId: { in: ids } }, data: { portId: null, fixedIpAddress: null, routerId: null, revision: { increment: 1 } } });
  await tx.port.deleteMany({ where: { id: { in: ports.filter((p) => p.createdForInstance).map((p) => p.id) } } });
  await tx.port.updateMany({
    where: { id: { in: ports.filter((p) => !p.createdForInstance).map((p) => p.id) } },
    data: { deviceId: '', deviceOwner: '', hostId: '', status: 'DOWN', revision: { increment: 1 } },
  });
}

/**
 * Binds a server's ports to the node it was scheduled to (binding:host_id), or unbinds them with
 * `null`, so that node's desired state includes them. Returns how many ports changed.
 */
export async function bindPortsForInstance(tx: Tx, instanceId: string, host: string | null): Promise<number> {
  const { count } = await tx.port.updateMany({
    where: { deviceId: instanceId, deviceOwner: { startsWith: 'compute:' }, hostId: { not: host ?? '' } },
    data: { hostId: host ?? '', revision: { increment: 1 } },
  });
  return count;
}
