/**
 * A project-scoped Keystone token for a service user (DESIGN.md §4: agents authenticate as
 * `nova` in project `service`), fetched on first use and renewed a minute before it expires.
 */
export class ServiceToken {
  private token: { id: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly opts: { identityUrl: string; username: string; password: string; project: string; fetch?: typeof fetch },
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > 60_000) return this.token.id;
    this.pending ??= this.issue().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets the token (after a 401), so the next `get` issues a fresh one. */
  invalidate(): void {
    this.token = null;
  }

  private async issue(): Promise<string> {
    const { identityUrl, username, password, project } = this.opts;
    const res = await (this.opts.fetch ?? fetch)(`${identityUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: username, domain: { id: 'default' }, password } } },
          scope: { project: { name: project, domain: { id: 'default' } } },
        },
      }),
    });
    const id = res.headers.get('x-subject-token');
    if (res.status !== 201 || !id) throw new Error(`service user ${username} could not authenticate at ${identityUrl}: HTTP ${res.status}`);
    const body = (await res.json()) as { token?: { expires_at?: string } };
    const expiresAt = Date.parse(body.token?.expires_at ?? '') || Date.now() + 3_600_000;
    this.token = { id, expiresAt };
    return id;
  }
}

/** A request the agent makes as its service user; the body (if any) is built afresh per attempt. */
export interface ServiceRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: () => RequestInit['body'];
}

/**
 * fetch with the service token; a 401 (token revoked, or expired early) re-authenticates and
 * tries once more. Errors at or above 400 are the caller's to read.
 */
export async function serviceFetch(token: ServiceToken, url: string, req: ServiceRequest = {}, doFetch: typeof fetch = fetch): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const body = req.body?.();
    const res = await doFetch(url, {
      method: req.method ?? 'GET',
      headers: { ...req.headers, 'X-Auth-Token': await token.get() },
      ...(body !== undefined ? { body, duplex: 'half' } : {}),
    } as RequestInit);
    if (res.status !== 401 || attempt > 0) return res;
    await res.body?.cancel();
    token.invalidate();
  }
}
