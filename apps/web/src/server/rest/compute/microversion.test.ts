import { describe, expect, it } from 'vitest';
import { BadRequest } from '@nimbus/shared';
import type { RestRequest } from '../router';
import { MAX_MICROVERSION, Microversion, requestedMicroversion, versioned } from './microversion';

function req(headers: Record<string, string>): RestRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: { get: (name: string) => lower[name.toLowerCase()] ?? null } } as unknown as RestRequest;
}

describe('requestedMicroversion', () => {
  it.each([
    [{}, '2.1'],
    [{ 'OpenStack-API-Version': 'compute 2.53' }, '2.53'],
    [{ 'OpenStack-API-Version': 'compute latest' }, MAX_MICROVERSION],
    [{ 'OpenStack-API-Version': 'volume 3.60, compute 2.10' }, '2.10'],
    [{ 'OpenStack-API-Version': 'volume 3.60' }, '2.1'],
    [{ 'X-OpenStack-Nova-API-Version': '2.28' }, '2.28'],
    [{ 'OpenStack-API-Version': 'compute 2.60', 'X-OpenStack-Nova-API-Version': '2.2' }, '2.60'],
  ])('%j → %s', (headers, expected) => {
    const got = requestedMicroversion(req(headers));
    expect(got.ok && String(got.version)).toBe(expected);
  });

  it.each([
    [{ 'OpenStack-API-Version': 'compute 2.1000' }, 406],
    [{ 'OpenStack-API-Version': 'compute 2.0' }, 406],
    [{ 'OpenStack-API-Version': 'compute 3.0' }, 406],
    [{ 'OpenStack-API-Version': 'compute 2' }, 400],
    [{ 'X-OpenStack-Nova-API-Version': 'x.y' }, 400],
  ])('%j → %i', (headers, status) => {
    const got = requestedMicroversion(req(headers));
    expect(got.ok ? 200 : got.status).toBe(status);
  });
});

describe('Microversion', () => {
  it('compares numerically, not as text', () => {
    const v = Microversion.parse('2.10') as Microversion;
    expect(v.atLeast('2.9')).toBe(true);
    expect(v.atLeast('2.10')).toBe(true);
    expect(v.atLeast('2.11')).toBe(false);
  });
});

describe('versioned', () => {
  it('echoes the version on answers and on faults, and hides methods outside their bounds', async () => {
    const ok = await versioned(async (_r, v) => ({ status: 200, body: { v: String(v) } }))(req({ 'OpenStack-API-Version': 'compute 2.5' }));
    expect(ok).toMatchObject({ status: 200, body: { v: '2.5' }, headers: { 'OpenStack-API-Version': 'compute 2.5', 'X-OpenStack-Nova-API-Version': '2.5' } });
    const fault = await versioned(async () => {
      throw new BadRequest('nope', { field: 'x' });
    })(req({}));
    expect(fault).toMatchObject({ status: 400, body: { badRequest: { code: 400, message: 'nope' } }, headers: { 'OpenStack-API-Version': 'compute 2.1' } });
    const hidden = await versioned(async () => ({ status: 200 }), { min: '2.53' })(req({ 'OpenStack-API-Version': 'compute 2.52' }));
    expect(hidden.status).toBe(404);
    const refused = await versioned(async () => ({ status: 200 }))(req({ 'OpenStack-API-Version': 'compute 9.9' }));
    expect(refused).toMatchObject({ status: 406, body: { computeFault: { code: 406 } } });
  });
});
