import { Forbidden } from '@nimbus/shared';
import { describe, expect, it } from 'vitest';
import { authorize, can, configurePolicy, getPolicy } from './enforcer.js';

describe('the process-wide policy', () => {
  it('is the configured one, shared by authorize and can', () => {
    const policy = configurePolicy({ file: null });
    expect(getPolicy()).toBe(policy);
    const member = { userId: 'u', projectId: 'p', roles: ['member', 'reader'] };
    expect(can(member, 'identity:get_project', { target: { project: { id: 'p' } } })).toBe(true);
    expect(() => authorize(member, 'identity:get_project', { target: { project: { id: 'q' } } })).toThrow(Forbidden);
    expect(() => authorize(member, 'identity:get_project', { target: { project: { id: 'q' } } })).toThrow(/identity:get_project/);
  });
});
