import { describe, expect, it } from 'vitest';
import { auditTarget } from './trpc';

describe('auditTarget', () => {
  it('names the resource and its id', () => {
    expect(auditTarget('identity.projects.update', { id: 'p1', name: 'x' })).toEqual({ targetType: 'projects', targetId: 'p1' });
    expect(auditTarget('identity.projects.grant', { projectId: 'p1', userId: 'u1' })).toEqual({ targetType: 'projects', targetId: 'p1' });
    expect(auditTarget('identity.users.create', { name: 'bob' })).toEqual({ targetType: 'users', targetId: null });
    expect(auditTarget('session.me', undefined)).toEqual({ targetType: 'session', targetId: null });
  });
});
