import { formatCidr, formatIp, parseCidr, parseIp, type Cidr } from './addresses.js';
import { invalidInput, badRequest } from './errors.js';

/**
 * Security group rule normalisation, as Neutron validates: protocol by name or number, port
 * ranges only where the protocol has ports (ICMP's are type and code), the remote CIDR in the
 * rule's ethertype. Pure, so the REST and console paths share one set of rules.
 */
export const PROTOCOL_NUMBERS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, egp: 8, udp: 17, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58, icmpv6: 58, sctp: 132, udplite: 136 };
const PORTED = new Set([6, 17, 132, 136]);
const ICMP = new Set([1, 58]);

export interface RuleInput {
  direction: 'ingress' | 'egress';
  ethertype?: 'IPv4' | 'IPv6' | undefined;
  protocol?: string | number | null | undefined;
  port_range_min?: number | null | undefined;
  port_range_max?: number | null | undefined;
  remote_ip_prefix?: string | null | undefined;
  remote_group_id?: string | null | undefined;
}

export interface NormalisedRule {
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  /** As given (a name lower-cased or a number as text); null = any. */
  protocol: string | null;
  protocolNumber: number | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
}

function protocolOf(raw: string | number | null | undefined): { text: string | null; number: number | null } {
  if (raw === null || raw === undefined || raw === '' || raw === 'any') return { text: null, number: null };
  const text = String(raw).toLowerCase();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 255) throw invalidInput('protocol', `Security group rule protocol ${text} not supported. Only protocol values [${Object.keys(PROTOCOL_NUMBERS).join(', ')}] and integer representations [0 to 255] are supported.`);
    return { text, number: n };
  }
  const n = PROTOCOL_NUMBERS[text];
  if (n === undefined) throw invalidInput('protocol', `Security group rule protocol ${text} not supported. Only protocol values [${Object.keys(PROTOCOL_NUMBERS).join(', ')}] and integer representations [0 to 255] are supported.`);
  return { text, number: n };
}

function portRange(protocol: number | null, min: number | null, max: number | null): void {
  if (min === null && max === null) return;
  if (protocol !== null && PORTED.has(protocol)) {
    if (min === null || max === null) throw invalidInput('port_range_min', 'For TCP/UDP protocols, port_range_min and port_range_max must be given together');
    if (min < 1 || max > 65535) throw invalidInput(min < 1 ? 'port_range_min' : 'port_range_max', 'Invalid value for port: ports must be between 1 and 65535');
    if (min > max) throw invalidInput('port_range_min', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
    return;
  }
  if (protocol !== null && ICMP.has(protocol)) {
    if (min !== null && (min < 0 || min > 255)) throw invalidInput('port_range_min', `Invalid value for ICMP type: ${min}; it must be between 0 and 255`);
    if (max !== null && (max < 0 || max > 255)) throw invalidInput('port_range_max', `Invalid value for ICMP code: ${max}; it must be between 0 and 255`);
    if (min === null) throw invalidInput('port_range_max', `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`);
    return;
  }
  throw invalidInput('port_range_min', 'Port ranges need a protocol with ports (tcp, udp, sctp, udplite) or ICMP type and code');
}

function remotePrefix(text: string | null, ethertype: 'IPv4' | 'IPv6'): string | null {
  if (text === null) return null;
  let cidr: Cidr | null = parseCidr(text);
  if (!cidr) {
    // Neutron takes a prefix with host bits set (10.0.0.5/24) and a bare address, and normalises them.
    const [addr, len] = text.split('/');
    const ip = addr === undefined ? null : parseIp(addr);
    const bits = ip?.version === 4 ? 32 : 128;
    const prefix = len === undefined ? bits : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
    if (!ip || !(prefix >= 0 && prefix <= bits)) throw invalidInput('remote_ip_prefix', `'${text}' is not a valid IP subnet`);
    cidr = parseCidr(`${formatIp(ip.value & (((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n)), ip.version)}/${prefix}`)!;
  }
  if ((cidr.version === 4 ? 'IPv4' : 'IPv6') !== ethertype) throw invalidInput('ethertype', `Conflicting value ethertype ${ethertype} for CIDR ${text}`);
  return formatCidr(cidr);
}

export function normaliseRule(input: RuleInput): NormalisedRule {
  const ethertype = input.ethertype ?? 'IPv4';
  if (input.remote_ip_prefix && input.remote_group_id) {
    throw badRequest('Only remote_ip_prefix or remote_group_id may be provided.', 'remote_group_id');
  }
  const protocol = protocolOf(input.protocol);
  if (protocol.number === 58 && ethertype === 'IPv4') throw invalidInput('protocol', `Protocol ${protocol.text} is not supported with ethertype IPv4`);
  if (protocol.number === 1 && ethertype === 'IPv6' && protocol.text === 'icmp') {
    // Neutron accepts `icmp` on IPv6 rules and means ICMPv6; keep the name, fix the number.
    protocol.number = 58;
  }
  const min = input.port_range_min ?? null;
  const max = input.port_range_max ?? null;
  portRange(protocol.number, min, max);
  return {
    direction: input.direction,
    ethertype,
    protocol: protocol.text,
    protocolNumber: protocol.number,
    portRangeMin: min,
    portRangeMax: max,
    remoteIpPrefix: remotePrefix(input.remote_ip_prefix ?? null, ethertype),
    remoteGroupId: input.remote_group_id ?? null,
  };
}

type RuleKey = Pick<NormalisedRule, 'protocol' | 'portRangeMin' | 'portRangeMax' | 'remoteIpPrefix' | 'remoteGroupId'> & { direction: string; ethertype: string };

/** Two rules the same in effect are one rule (Neutron's SecurityGroupRuleExists). */
export function sameRule(a: RuleKey, b: RuleKey): boolean {
  return (
    a.direction === b.direction &&
    a.ethertype === b.ethertype &&
    (a.protocol === null ? null : (PROTOCOL_NUMBERS[a.protocol] ?? Number(a.protocol))) === (b.protocol === null ? null : (PROTOCOL_NUMBERS[b.protocol] ?? Number(b.protocol))) &&
    a.portRangeMin === b.portRangeMin &&
    a.portRangeMax === b.portRangeMax &&
    a.remoteIpPrefix === b.remoteIpPrefix &&
    a.remoteGroupId === b.remoteGroupId
  );
}
