import { loadConfig } from '@nimbus/core/config';
import { createLogger } from '@nimbus/core/logger';
import { parseAgentEnv } from './config.js';
import { controller, nodeDriver } from './controller.js';

/**
 * Destroys every guest of this node through its driver (`scripts/stack.sh stop --purge-guests`),
 * with the agent's own environment (NODE_NAME, COMPUTE_DRIVER, NIMBUS_DATA_DIR). Guests outlive
 * their agent on purpose, like Nova's; a throwaway stack (npm test) must not leave any behind.
 * Run it with the agent stopped.
 */
const config = loadConfig();
const log = createLogger('purge-guests', config.LOG_LEVEL);
const env = parseAgentEnv(process.env);
const driver = nodeDriver(config, env, controller(config, env), config.NODE_NAME, log);
await driver.init();
const ids = await driver.listInstances();
for (const id of ids) await driver.destroy(id);
await driver.close();
log.info({ node: config.NODE_NAME, driver: driver.name, destroyed: ids.length }, 'guests purged');
