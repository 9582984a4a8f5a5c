import { z } from 'zod';

export const SERVER_ACTIONS = ['start', 'stop', 'reboot', 'rebootHard', 'pause', 'unpause', 'suspend', 'resume', 'delete'] as const;

/** One action on one or more servers (the table's batch actions send several ids). */
export const ZActionInputSchema = z.object({
  ids: z.array(z.string().min(1).max(64)).min(1).max(100),
  action: z.enum(SERVER_ACTIONS),
});
