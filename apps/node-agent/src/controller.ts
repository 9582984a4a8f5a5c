import { join } from 'node:path';
import type { Config } from '@nimbus/core/config';
import type { Logger } from '@nimbus/core/logger';
import type { AgentEnv } from './config.js';
import type { ComputeDriver } from './drivers/compute/driver.js';
import { createComputeDriver } from './drivers/compute/registry.js';
import { HostCommandRunner } from './exec/runner.js';
import { ImageCache } from './images/cache.js';
import { ServiceToken } from './images/service-token.js';
import { ServiceImageUploader } from './images/uploader.js';
import { MetadataClient } from './metadata/client.js';

/** What an agent uses of the controller's REST APIs, as the `nova` service user (DESIGN.md §4). */
export interface Controller {
  apiUrl: string;
  token: ServiceToken;
  imageUrl: string;
  metadata: MetadataClient;
  uploader: ServiceImageUploader;
}

export function controller(config: Config, env: AgentEnv): Controller {
  const apiUrl = (env.NIMBUS_API_URL ?? config.publicUrl).replace(/\/+$/, '');
  // One token per process, shared by every node it serves; fetched on first use only.
  const token = new ServiceToken({ identityUrl: `${apiUrl}/identity`, username: 'nova', password: config.NIMBUS_SERVICE_PASSWORD, project: 'service' });
  const imageUrl = `${apiUrl}/image`;
  return { apiUrl, token, imageUrl, metadata: new MetadataClient({ metadataUrl: `${apiUrl}/metadata`, token }), uploader: new ServiceImageUploader({ imageUrl, token }) };
}

/** The node's compute driver, keeping its guests' state under `<NIMBUS_DATA_DIR>/nodes/<node>`. */
export function nodeDriver(config: Config, env: AgentEnv, c: Controller, node: string, log: Logger): ComputeDriver {
  return createComputeDriver(env.COMPUTE_DRIVER, node, {
    runner: new HostCommandRunner(log.child({ component: 'exec' })),
    images: c.uploader,
    log: log.child({ component: 'compute-driver' }),
    stateDir: join(config.NIMBUS_DATA_DIR, 'nodes', node),
  });
}

/** The node's verified image cache under `<NIMBUS_DATA_DIR>/image-cache/<node>`. */
export function nodeImageCache(config: Config, c: Controller, node: string, log: Logger): ImageCache {
  return new ImageCache({
    dir: join(config.NIMBUS_DATA_DIR, 'image-cache', node),
    maxBytes: config.IMAGE_CACHE_MAX_BYTES,
    imageUrl: c.imageUrl,
    token: c.token,
    log: log.child({ component: 'image-cache' }),
  });
}
