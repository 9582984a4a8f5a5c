import { groupMembersOn } from '../types.js';
import type { HostFilter } from './filter.js';

/**
 * ServerGroupAffinityFilter: once a member of an `affinity` group has a host, every other member
 * must land there too. The first member may go anywhere.
 */
export const serverGroupAffinityFilter: HostFilter = {
  name: 'ServerGroupAffinityFilter',
  reject(host, spec) {
    const group = spec.group;
    if (group?.policy !== 'affinity' || Object.keys(group.membersOnHost).length === 0) return null;
    return groupMembersOn(host, spec) > 0 ? null : { host: host.name, reason: 'not the host of the group' };
  },
  explain: (rs, spec) => `not the host of the members of group ${spec.group?.id ?? ''}`,
};

/**
 * ServerGroupAntiAffinityFilter: a host already holding `max_server_per_host` members of an
 * `anti-affinity` group (1 unless the group's rules say more) takes no further member.
 */
export const serverGroupAntiAffinityFilter: HostFilter = {
  name: 'ServerGroupAntiAffinityFilter',
  reject(host, spec) {
    const group = spec.group;
    if (group?.policy !== 'anti-affinity') return null;
    return groupMembersOn(host, spec) < group.maxServerPerHost ? null : { host: host.name, reason: 'holds the most members allowed' };
  },
  explain(rs, spec) {
    const max = spec.group?.maxServerPerHost ?? 1;
    const id = spec.group?.id ?? '';
    return max === 1 ? `already host a member of group ${id}` : `already host ${max} members of group ${id}`;
  },
};
