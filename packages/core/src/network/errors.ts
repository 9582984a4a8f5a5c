import { BadRequest, Conflict, NotFound, type NimbusError } from '@nimbus/shared';

/**
 * Neutron names each fault (`NetworkNotFound`, `IpAddressGenerationFailure`, ...) in the body's
 * `type`; the error family stays nimbus's and carries the name beside it for the REST formatter.
 */
type NeutronTyped = NimbusError & { neutronType?: string };

export function neutronError<E extends NimbusError>(err: E, type: string): E & { neutronType: string } {
  return Object.assign(err, { neutronType: type });
}

export function neutronTypeOf(err: NimbusError): string | undefined {
  return (err as NeutronTyped).neutronType;
}

const NOT_FOUND: Record<string, [string, (id: string) => string]> = {
  network: ['NetworkNotFound', (id) => `Network ${id} could not be found.`],
  subnet: ['SubnetNotFound', (id) => `Subnet ${id} could not be found.`],
  port: ['PortNotFound', (id) => `Port ${id} could not be found.`],
  router: ['RouterNotFound', (id) => `Router ${id} could not be found.`],
  floatingip: ['FloatingIPNotFound', (id) => `Floating IP ${id} could not be found`],
  security_group: ['SecurityGroupNotFound', (id) => `Security group ${id} does not exist`],
  security_group_rule: ['SecurityGroupRuleNotFound', (id) => `Security group rule ${id} does not exist`],
};

export type NeutronResource = 'network' | 'subnet' | 'port' | 'router' | 'floatingip' | 'security_group' | 'security_group_rule';

export function notFound(resource: NeutronResource, id: string): NotFound {
  const [type, message] = NOT_FOUND[resource]!;
  return neutronError(new NotFound(message(id)), type);
}

export function conflict(type: string, message: string): Conflict {
  return neutronError(new Conflict(message), type);
}

export function badRequest(message: string, field?: string): BadRequest {
  return neutronError(new BadRequest(message, field === undefined ? undefined : { field }), 'HTTPBadRequest');
}

/** Neutron's wording for a bad attribute, with the attribute named in `field`. */
export function invalidInput(field: string, reason: string): BadRequest {
  return badRequest(`Invalid input for ${field}. Reason: ${reason}`, field);
}
