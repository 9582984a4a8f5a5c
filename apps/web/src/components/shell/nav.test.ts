import { describe, expect, it } from 'vitest';
import { activeItem, breadcrumbsFor, visibleSections } from './nav';

describe('activeItem', () => {
  it('prefers the most specific item', () => {
    expect(activeItem('/project/api-access')?.item.label).toBe('API Access');
    expect(activeItem('/project')?.item.label).toBe('Overview');
    expect(activeItem('/admin/audit-log')?.section.id).toBe('admin');
  });
  it('does not match on a shared prefix that is not a parent path', () => {
    expect(activeItem('/projects')?.section.id).toBe('identity');
    expect(activeItem('/projectsx')).toBeNull();
  });
});

describe('visibleSections', () => {
  it('hides Admin from non-admins', () => {
    expect(visibleSections(false).map((s) => s.id)).toEqual(['project', 'identity']);
    expect(visibleSections(true).map((s) => s.id)).toEqual(['project', 'admin', 'identity']);
  });
});

describe('breadcrumbsFor', () => {
  it('links every crumb but the last', () => {
    expect(breadcrumbsFor('/projects')).toEqual([{ label: 'Identity' }, { label: 'Projects' }]);
    expect(breadcrumbsFor('/projects/3f2a9c4e5b6d4e8f9a0b1c2d3e4f5a6b')).toEqual([
      { label: 'Identity' },
      { label: 'Projects', href: '/projects' },
      { label: '3f2a9c4e…' },
    ]);
  });
});
