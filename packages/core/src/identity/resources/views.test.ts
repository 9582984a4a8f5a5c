import { describe, expect, it } from 'vitest';
import { collectionLinks, isoTime, link } from './views.js';
import { roleAssignmentView } from './role-assignment-view.js';

const BASE = 'http://h:3000/identity';

describe('links', () => {
  it('builds absolute v3 links whatever the trailing slash', () => {
    expect(link(`${BASE}/`, 'projects/p1')).toBe(`${BASE}/v3/projects/p1`);
  });

  it("gives a collection Keystone's links, with next only when a page was cut", () => {
    const q = new URLSearchParams('name=x&limit=1');
    expect(collectionLinks(BASE, 'projects', new URLSearchParams())).toEqual({ self: `${BASE}/v3/projects`, previous: null, next: null });
    expect(collectionLinks(BASE, 'projects', q, { items: [1], nextMarker: 'p1' })).toEqual({
      self: `${BASE}/v3/projects?name=x&limit=1`,
      previous: null,
      next: `${BASE}/v3/projects?name=x&limit=1&marker=p1`,
    });
  });

  it("writes Keystone's microsecond timestamps", () => {
    expect(isoTime(new Date('2026-11-25T08:50:39.123Z'))).toBe('2026-11-25T08:50:39.123000Z');
    expect(isoTime(null)).toBeNull();
  });
});

describe('roleAssignmentView', () => {
  it('points an inherited-from-domain entry at the OS-INHERIT grant', () => {
    const view = roleAssignmentView(
      { roleId: 'r', userId: 'u', projectId: 'p', inheritedToProjects: false, indirect: { domainId: 'd' } },
      null,
      BASE,
    );
    expect(view).toEqual({
      links: { assignment: `${BASE}/v3/OS-INHERIT/domains/d/users/u/roles/r/inherited_to_projects` },
      role: { id: 'r' },
      scope: { project: { id: 'p' } },
      user: { id: 'u' },
    });
  });

  it('marks a stored inherited grant with OS-INHERIT:inherited_to', () => {
    const view = roleAssignmentView({ roleId: 'r', groupId: 'g', domainId: 'd', inheritedToProjects: true, indirect: {} }, null, BASE);
    expect(view).toEqual({
      links: { assignment: `${BASE}/v3/OS-INHERIT/domains/d/groups/g/roles/r/inherited_to_projects` },
      role: { id: 'r' },
      scope: { domain: { id: 'd' }, 'OS-INHERIT:inherited_to': 'projects' },
      group: { id: 'g' },
    });
  });
});
