import { createHash } from 'node:crypto';
import type { Flavor, InstanceAction, InstanceActionEvent } from '@nimbus/db';
import { serverStatus } from '@nimbus/shared/compute-states';
import type { InstanceWithNode } from '@nimbus/core/compute/servers/index';
import type { Microversion } from '../microversion';

/** Nova's `self` (versioned) and `bookmark` (unversioned) links. */
export function links(baseUrl: string, path: string) {
  return [
    { rel: 'self', href: `${baseUrl}/v2.1/${path}` },
    { rel: 'bookmark', href: `${baseUrl}/${path}` },
  ];
}

/** Nova's timestamps: `2017-10-10T15:49:08Z` (no fraction). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Nova's naive microsecond timestamps (`launched_at`, instance actions): `2017-10-10T15:49:09.516000`. */
export function isoMicros(d: Date | null): string | null {
  return d ? d.toISOString().replace(/Z$/, '000') : null;
}

/** Nova's hostId: an opaque per-project digest of the host, so tenants can tell co-location apart. */
export function hostId(projectId: string, host: string | null | undefined): string {
  return host ? createHash('sha224').update(`${projectId}${host}`).digest('hex') : '';
}

export interface ServerViewContext {
  baseUrl: string;
  version: Microversion;
  /** Admin view: `OS-EXT-SRV-ATTR:*`, `host_status`, fault details. */
  extended: boolean;
  /** Flavors by id, for the embedded flavor (2.47+). */
  flavors: Map<string, Flavor>;
  /** The server's group ids (2.71+), given only where Nova shows them: show, update, rebuild. */
  serverGroups?: string[];
}

function hostStatus(node: InstanceWithNode['node']): string {
  if (!node) return '';
  return node.state === 'up' ? 'UP' : node.state === 'down' ? 'DOWN' : 'UNKNOWN';
}

function flavorOf(s: InstanceWithNode, c: ServerViewContext) {
  const f = c.flavors.get(s.flavorId);
  if (!c.version.atLeast('2.47')) {
    return { id: s.flavorId, links: [{ rel: 'bookmark', href: `${c.baseUrl}/flavors/${s.flavorId}` }] };
  }
  return {
    vcpus: s.vcpus,
    ram: s.memoryMb,
    disk: s.rootGb,
    ephemeral: f?.ephemeralGb ?? 0,
    swap: f?.swapMb ?? 0,
    original_name: f?.name ?? s.flavorId,
    extra_specs: (f?.extraSpecs as Record<string, string> | undefined) ?? {},
  };
}

function faultOf(s: InstanceWithNode, extended: boolean) {
  const f = s.fault as { code?: number; message?: string; details?: string; created?: string } | null;
  if (!f || !['error', 'deleted'].includes(s.vmState)) return {};
  const code = f.code ?? 500;
  return {
    fault: {
      code,
      message: f.message ?? 'Unknown',
      created: f.created ?? isoSeconds(s.updatedAt),
      // Nova shows details of a 500 only to admins: they may hold host internals.
      ...(f.details !== undefined && (extended || code !== 500) ? { details: f.details } : {}),
    },
  };
}

/** The full server document as Nova shapes it at the request's microversion (up to 2.79). */
export function serverView(s: InstanceWithNode, c: ServerViewContext) {
  const v = c.version;
  const host = s.node?.name ?? null;
  const view: Record<string, unknown> = {
    id: s.id,
    name: s.name,
    status: serverStatus(s.vmState, s.taskState),
    tenant_id: s.projectId,
    user_id: s.userId,
    metadata: s.metadata ?? {},
    hostId: hostId(s.projectId, host),
    image: s.imageId ? { id: s.imageId, links: [{ rel: 'bookmark', href: `${c.baseUrl}/images/${s.imageId}` }] } : '',
    flavor: flavorOf(s, c),
    created: isoSeconds(s.createdAt),
    updated: isoSeconds(s.updatedAt),
    addresses: {},
    accessIPv4: '',
    accessIPv6: '',
    links: links(c.baseUrl, `servers/${s.id}`),
    'OS-DCF:diskConfig': 'MANUAL',
    progress: s.progress,
    'OS-EXT-AZ:availability_zone': s.availabilityZone ?? (s.node ? 'nova' : ''),
    config_drive: '',
    key_name: s.keyName,
    'OS-SRV-USG:launched_at': isoMicros(s.launchedAt),
    'OS-SRV-USG:terminated_at': isoMicros(s.terminatedAt),
    'OS-EXT-STS:task_state': s.taskState,
    'OS-EXT-STS:vm_state': s.vmState,
    'OS-EXT-STS:power_state': s.powerState,
    'os-extended-volumes:volumes_attached': [],
    security_groups: [{ name: 'default' }],
    ...faultOf(s, c.extended),
  };
  if (c.extended) {
    Object.assign(view, {
      'OS-EXT-SRV-ATTR:host': host,
      'OS-EXT-SRV-ATTR:instance_name': `instance-${s.id.slice(0, 8)}`,
      'OS-EXT-SRV-ATTR:hypervisor_hostname': host,
    });
    if (v.atLeast('2.3')) {
      Object.assign(view, {
        'OS-EXT-SRV-ATTR:reservation_id': s.reservationId,
        'OS-EXT-SRV-ATTR:launch_index': s.launchIndex,
        'OS-EXT-SRV-ATTR:hostname': s.hostname,
        'OS-EXT-SRV-ATTR:kernel_id': '',
        'OS-EXT-SRV-ATTR:ramdisk_id': '',
        'OS-EXT-SRV-ATTR:root_device_name': '/dev/vda',
        'OS-EXT-SRV-ATTR:user_data': s.userData,
      });
    }
    if (v.atLeast('2.16')) view.host_status = hostStatus(s.node);
  }
  if (v.atLeast('2.9')) view.locked = false;
  if (v.atLeast('2.19')) view.description = s.description;
  if (v.atLeast('2.26')) view.tags = [];
  if (v.atLeast('2.63')) view.trusted_image_certificates = null;
  if (v.atLeast('2.71') && c.serverGroups) view.server_groups = c.serverGroups;
  if (v.atLeast('2.73')) view.locked_reason = null;
  return view;
}

/** The short form of `GET /servers`. */
export function serverSummary(s: InstanceWithNode, baseUrl: string) {
  return { id: s.id, name: s.name, links: links(baseUrl, `servers/${s.id}`) };
}

export function instanceActionView(a: InstanceAction, v: Microversion) {
  return {
    action: a.action,
    instance_uuid: a.instanceId,
    message: a.message,
    project_id: a.projectId,
    request_id: a.requestId,
    start_time: isoMicros(a.startTime),
    user_id: a.userId,
    ...(v.atLeast('2.58') ? { updated_at: isoMicros(a.updatedAt) } : {}),
  };
}

/** Events: admins always, everyone from 2.51 (without the traceback). */
export function showsEvents(v: Microversion, extended: boolean): boolean {
  return extended || v.atLeast('2.51');
}

export function instanceActionEventView(e: InstanceActionEvent, projectId: string, v: Microversion, extended: boolean) {
  return {
    event: e.event,
    start_time: isoMicros(e.startTime),
    finish_time: isoMicros(e.finishTime),
    result: e.result,
    ...(extended ? { traceback: e.details } : {}),
    ...(v.atLeast('2.62') ? { hostId: hostId(projectId, e.host), ...(extended ? { host: e.host } : {}) } : {}),
  };
}
