import type { RuleDefault } from '../rule-default.js';
import { baseRules } from './base.js';
import { computeConsoleRules } from './compute-consoles.js';
import { computeServerGroupRules } from './compute-server-groups.js';
import { computeServerRules } from './compute-servers.js';
import { identityRules } from './identity.js';
import { networkRules } from './network.js';
import { serviceRules } from './services.js';

export { baseRules, computeConsoleRules, computeServerGroupRules, computeServerRules, identityRules, networkRules, serviceRules };

/** Every rule defined in code, in the order the sample file lists them. */
export const defaultRules: readonly RuleDefault[] = [...baseRules, ...identityRules, ...serviceRules, ...computeServerRules, ...computeServerGroupRules, ...computeConsoleRules, ...networkRules];
