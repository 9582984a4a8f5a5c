import { ops, type RuleDefault } from '../rule-default.js';

/**
 * Placeholders for the services of later issues, so the console can already ask `can()` about
 * them. Each service's issue owns and refines its rules (e.g. image visibility, flavor access).
 * Targets carry `project_id`: the project owning the resource (for list/create: the caller's).
 */
function crud(service: string, resource: string, collection: string, noun: string): RuleDefault[] {
  const item = `${collection}/{id}`;
  return [
    { name: `${service}:${resource}:list`, checkStr: 'rule:admin_or_reader', description: `List ${noun}s of the project.`, operations: ops(`GET ${collection}`) },
    { name: `${service}:${resource}:show`, checkStr: 'rule:admin_or_reader', description: `Show a ${noun}.`, operations: ops(`GET ${item}`) },
    { name: `${service}:${resource}:create`, checkStr: 'rule:admin_or_member', description: `Create a ${noun}.`, operations: ops(`POST ${collection}`) },
    { name: `${service}:${resource}:update`, checkStr: 'rule:admin_or_member', description: `Update a ${noun}.`, operations: ops(`PUT ${item}`) },
    { name: `${service}:${resource}:delete`, checkStr: 'rule:admin_or_member', description: `Delete a ${noun}.`, operations: ops(`DELETE ${item}`) },
  ];
}

const FLAVOR = '/compute/v2.1/flavors/{flavor_id}';
const SPECS = `${FLAVOR}/os-extra_specs`;
const HYPERVISORS = '/compute/v2.1/os-hypervisors';
const SERVICES = '/compute/v2.1/os-services';

/** Flavors, key pairs, hypervisors, compute services and zones: Nova's defaults (os_compute_api:*). */
const computeResourceRules: RuleDefault[] = [
  { name: 'compute:flavors:list', checkStr: '', description: 'List flavors (public ones, plus private ones shared with the project). Any valid token.', operations: ops('GET /compute/v2.1/flavors', 'GET /compute/v2.1/flavors/detail') },
  { name: 'compute:flavors:show', checkStr: '', description: 'Show a flavor. Any valid token.', operations: ops(`GET ${FLAVOR}`) },
  { name: 'compute:flavors:create', checkStr: 'rule:admin_required', description: 'Create a flavor.', operations: ops('POST /compute/v2.1/flavors') },
  { name: 'compute:flavors:update', checkStr: 'rule:admin_required', description: 'Update the description of a flavor (microversion 2.55).', operations: ops(`PUT ${FLAVOR}`) },
  { name: 'compute:flavors:delete', checkStr: 'rule:admin_required', description: 'Delete a flavor.', operations: ops(`DELETE ${FLAVOR}`) },
  { name: 'compute:flavors:access:list', checkStr: 'rule:admin_required', description: 'List the projects that may use a private flavor.', operations: ops(`GET ${FLAVOR}/os-flavor-access`) },
  { name: 'compute:flavors:access:add', checkStr: 'rule:admin_required', description: 'Give a project access to a private flavor.', operations: ops(`POST ${FLAVOR}/action`) },
  { name: 'compute:flavors:access:remove', checkStr: 'rule:admin_required', description: "Remove a project's access to a private flavor.", operations: ops(`POST ${FLAVOR}/action`) },
  { name: 'compute:flavors:extra-specs:list', checkStr: '', description: 'List the extra specs of a flavor the caller may see.', operations: ops(`GET ${SPECS}`) },
  { name: 'compute:flavors:extra-specs:show', checkStr: '', description: 'Show one extra spec of a flavor the caller may see.', operations: ops(`GET ${SPECS}/{key}`) },
  { name: 'compute:flavors:extra-specs:create', checkStr: 'rule:admin_required', description: 'Set extra specs of a flavor.', operations: ops(`POST ${SPECS}`) },
  { name: 'compute:flavors:extra-specs:update', checkStr: 'rule:admin_required', description: 'Change one extra spec of a flavor.', operations: ops(`PUT ${SPECS}/{key}`) },
  { name: 'compute:flavors:extra-specs:delete', checkStr: 'rule:admin_required', description: 'Delete one extra spec of a flavor.', operations: ops(`DELETE ${SPECS}/{key}`) },
  { name: 'compute:keypairs:list', checkStr: 'rule:admin_or_owner', description: "List a user's key pairs (another user's: admins, with user_id).", operations: ops('GET /compute/v2.1/os-keypairs') },
  { name: 'compute:keypairs:show', checkStr: 'rule:admin_or_owner', description: 'Show a key pair.', operations: ops('GET /compute/v2.1/os-keypairs/{keypair_name}') },
  { name: 'compute:keypairs:create', checkStr: 'rule:admin_or_owner', description: 'Create or import a key pair (for another user: admins).', operations: ops('POST /compute/v2.1/os-keypairs') },
  { name: 'compute:keypairs:delete', checkStr: 'rule:admin_or_owner', description: 'Delete a key pair.', operations: ops('DELETE /compute/v2.1/os-keypairs/{keypair_name}') },
  { name: 'compute:os-hypervisors:list', checkStr: 'rule:admin_required', description: 'List hypervisors.', operations: ops(`GET ${HYPERVISORS}`) },
  { name: 'compute:os-hypervisors:list-detail', checkStr: 'rule:admin_required', description: 'List hypervisors with their capacity and usage.', operations: ops(`GET ${HYPERVISORS}/detail`) },
  { name: 'compute:os-hypervisors:show', checkStr: 'rule:admin_required', description: 'Show a hypervisor.', operations: ops(`GET ${HYPERVISORS}/{hypervisor_id}`) },
  { name: 'compute:os-hypervisors:statistics', checkStr: 'rule:admin_required', description: 'Show the sums over all hypervisors.', operations: ops(`GET ${HYPERVISORS}/statistics`) },
  { name: 'compute:os-hypervisors:search', checkStr: 'rule:admin_required', description: 'Search hypervisors by hostname (before 2.53).', operations: ops(`GET ${HYPERVISORS}/{hypervisor_hostname_pattern}/search`) },
  { name: 'compute:os-hypervisors:servers', checkStr: 'rule:admin_required', description: 'List the servers of matching hypervisors (before 2.53).', operations: ops(`GET ${HYPERVISORS}/{hypervisor_hostname_pattern}/servers`) },
  { name: 'compute:os-hypervisors:uptime', checkStr: 'rule:admin_required', description: 'Show the uptime of a hypervisor.', operations: ops(`GET ${HYPERVISORS}/{hypervisor_id}/uptime`) },
  { name: 'compute:os-aggregates:list', checkStr: 'rule:admin_required', description: 'List host aggregates.', operations: ops('GET /compute/v2.1/os-aggregates') },
  { name: 'compute:os-services:list', checkStr: 'rule:admin_required', description: 'List compute services.', operations: ops(`GET ${SERVICES}`) },
  { name: 'compute:os-services:update', checkStr: 'rule:admin_required', description: 'Enable or disable a compute service.', operations: ops(`PUT ${SERVICES}/{service_id}`, `PUT ${SERVICES}/enable`, `PUT ${SERVICES}/disable`, `PUT ${SERVICES}/disable-log-reason`) },
  { name: 'compute:os-services:delete', checkStr: 'rule:admin_required', description: 'Delete a compute service that hosts no instances.', operations: ops(`DELETE ${SERVICES}/{service_id}`) },
  { name: 'compute:os-availability-zone:list', checkStr: '', description: 'List availability zones. Any valid token.', operations: ops('GET /compute/v2.1/os-availability-zone') },
  { name: 'compute:os-availability-zone:detail', checkStr: 'rule:admin_required', description: 'List availability zones with their hosts.', operations: ops('GET /compute/v2.1/os-availability-zone/detail') },
];

export const serviceRules: readonly RuleDefault[] = [
  ...crud('compute', 'servers', '/compute/v2.1/servers', 'server'),
  ...computeResourceRules,
  ...crud('volume', 'volumes', '/volume/v3/{project_id}/volumes', 'volume'),
  ...imageRules(),
];

/**
 * Glance v2. Visibility (own, public, community, shared with the project) is decided by the
 * image service before any rule runs, so reads only ask for a reader role; changes are for
 * members of the owning project (`project_id` = the image's owner) or a cloud admin.
 */
function imageRules(): RuleDefault[] {
  const images = '/image/v2/images';
  const item = `${images}/{image_id}`;
  const members = `${item}/members`;
  const anyReader = 'rule:admin_required or role:reader';
  return [
    { name: 'image:images:list', checkStr: 'rule:admin_or_reader', description: 'List the images the project can see.', operations: ops(`GET ${images}`) },
    { name: 'image:images:show', checkStr: anyReader, description: 'Show an image the project can see.', operations: ops(`GET ${item}`) },
    { name: 'image:images:create', checkStr: 'rule:admin_or_member', description: 'Create an image owned by the project.', operations: ops(`POST ${images}`) },
    { name: 'image:images:update', checkStr: 'rule:admin_or_member', description: "Update an image's attributes and tags (owner project).", operations: ops(`PATCH ${item}`, `PUT ${item}/tags/{tag}`, `DELETE ${item}/tags/{tag}`) },
    { name: 'image:images:delete', checkStr: 'rule:admin_or_member', description: 'Delete an image (owner project).', operations: ops(`DELETE ${item}`) },
    { name: 'image:images:upload', checkStr: 'rule:admin_or_member', description: 'Upload image data (owner project).', operations: ops(`PUT ${item}/file`) },
    { name: 'image:images:download', checkStr: anyReader, description: 'Download the data of an image the project can see.', operations: ops(`GET ${item}/file`) },
    { name: 'image:images:publicize', checkStr: 'rule:admin_required', description: 'Make an image public (visible to every project).', operations: ops(`POST ${images}`, `PATCH ${item}`) },
    { name: 'image:images:communitize', checkStr: 'rule:admin_or_member', description: 'Make an image a community image.', operations: ops(`POST ${images}`, `PATCH ${item}`) },
    { name: 'image:images:deactivate', checkStr: 'rule:admin_or_member', description: 'Deactivate an image (owner project).', operations: ops(`POST ${item}/actions/deactivate`) },
    { name: 'image:images:reactivate', checkStr: 'rule:admin_or_member', description: 'Reactivate an image (owner project).', operations: ops(`POST ${item}/actions/reactivate`) },
    { name: 'image:members:list', checkStr: anyReader, description: 'List the members of a shared image.', operations: ops(`GET ${members}`) },
    { name: 'image:members:show', checkStr: anyReader, description: 'Show a member of a shared image.', operations: ops(`GET ${members}/{member_id}`) },
    { name: 'image:members:create', checkStr: 'rule:admin_or_member', description: 'Share an image with a project (owner project).', operations: ops(`POST ${members}`) },
    { name: 'image:members:update', checkStr: 'rule:admin_required or role:member', description: 'Accept or reject an image shared with the project (the member itself).', operations: ops(`PUT ${members}/{member_id}`) },
    { name: 'image:members:delete', checkStr: 'rule:admin_or_member', description: 'Stop sharing an image with a project (owner project).', operations: ops(`DELETE ${members}/{member_id}`) },
  ];
}
