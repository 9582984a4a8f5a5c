import type { ConfigDriveData } from '../drivers/compute/driver.js';
import { serviceFetch, type ServiceToken } from '../images/service-token.js';

export class MetadataError extends Error {}

/**
 * Reads what a guest learns about itself from the controller's metadata service (Nova's metadata
 * API, `/metadata/openstack/latest/...`) as the node's service user, to build its config drive:
 * jobs carry ids only, so the keys and user data come from there, just before spawn.
 */
export class MetadataClient {
  constructor(private readonly opts: { metadataUrl: string; token: ServiceToken; fetch?: typeof fetch }) {}

  async configDrive(instanceId: string): Promise<ConfigDriveData> {
    const meta = await this.get(instanceId, 'meta_data.json');
    if (!meta) throw new MetadataError(`the metadata service does not know instance ${instanceId}`);
    const metaData = (await meta.json()) as Record<string, unknown>;
    const user = await this.get(instanceId, 'user_data');
    return user ? { metaData, userData: await user.text() } : { metaData };
  }

  /** The file's response, or null when the service answers 404. */
  private async get(instanceId: string, file: string): Promise<Response | null> {
    const url = `${this.opts.metadataUrl}/openstack/latest/${file}`;
    let res: Response;
    try {
      res = await serviceFetch(this.opts.token, url, { headers: { 'X-Instance-ID': instanceId } }, this.opts.fetch);
    } catch (err) {
      throw new MetadataError(`the metadata service is unreachable at ${url}: ${(err as Error).cause ?? (err as Error).message}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (res.status !== 200) {
      const detail = await res.text().catch(() => '');
      throw new MetadataError(`GET ${url}: HTTP ${res.status} ${detail.slice(0, 300)}`.trim());
    }
    return res;
  }
}
