import { describe, expect, it } from 'vitest';
import { ServiceToken } from '../../images/service-token.js';
import { fixtureState } from './linuxbridge/__fixtures__/state.js';
import { NetworkStateClient } from './state-client.js';

/** A fetch answering Keystone with a token and the state endpoint with `reply`; records the state requests. */
function fakeApi(reply: () => Response) {
  const requests: Array<{ url: string; token: string | null }> = [];
  const doFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/v3/auth/tokens')) {
      return new Response(JSON.stringify({ token: { expires_at: new Date(Date.now() + 3_600_000).toISOString() } }), { status: 201, headers: { 'x-subject-token': 'tok-1' } });
    }
    requests.push({ url, token: new Headers(init?.headers).get('x-auth-token') });
    return reply();
  }) as typeof fetch;
  const token = new ServiceToken({ identityUrl: 'http://127.0.0.1:1/identity', username: 'nova', password: 'x', project: 'service', fetch: doFetch });
  return { client: new NetworkStateClient({ apiUrl: 'http://127.0.0.1:1', token, fetch: doFetch }), requests };
}

describe('network state client', () => {
  it('GETs the node’s state with the service token and returns it parsed', async () => {
    const { client, requests } = fakeApi(() => Response.json(fixtureState()));
    const state = await client.fetch('node-1');
    expect(state.generation).toBe(7);
    expect(requests).toEqual([{ url: 'http://127.0.0.1:1/internal/network-state/node-1', token: 'tok-1' }]);
  });

  it('refuses a document that breaks the contract, naming the field', async () => {
    const bad = { ...fixtureState(), ports: [{ ...fixtureState().ports[0]!, tapName: 'tapwrong' }] };
    const { client } = fakeApi(() => Response.json(bad));
    await expect(client.fetch('node-1')).rejects.toThrow(/not a network state: ports\.0\.tapName/);
  });

  it('refuses another node’s state and reports HTTP errors with their body', async () => {
    await expect(fakeApi(() => Response.json(fixtureState())).client.fetch('node-2')).rejects.toThrow(/for node node-1, not node-2/);
    await expect(fakeApi(() => new Response('no such node', { status: 404 })).client.fetch('node-1')).rejects.toThrow(/HTTP 404 no such node/);
  });
});
