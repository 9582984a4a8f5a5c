import type { z } from 'zod';
import { deleteServer, rebootServer, simpleServerAction } from '@nimbus/core/compute/servers/actions';
import { publishChanges } from '@nimbus/core/events/changes';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZActionInputSchema } from './action.schema';

/**
 * Runs the action on each server; one refusal (a 409 for a state that changed meanwhile) does not
 * stop the others. The answer says which failed and why; a single-server call throws instead.
 */
export async function actionHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZActionInputSchema> }) {
  const run = (id: string): Promise<void> => {
    switch (input.action) {
      case 'delete':
        return deleteServer(ctx.ctx, id);
      case 'reboot':
        return rebootServer(ctx.ctx, id, { type: 'SOFT' });
      case 'rebootHard':
        return rebootServer(ctx.ctx, id, { type: 'HARD' });
      default:
        return simpleServerAction(ctx.ctx, id, input.action);
    }
  };
  if (input.ids.length === 1) {
    await run(input.ids[0]!);
  }
  const results = input.ids.length === 1 ? [{ id: input.ids[0]!, ok: true as const }] : await Promise.all(
    input.ids.map(async (id) => {
      try {
        await run(id);
        return { id, ok: true as const };
      } catch (err) {
        return { id, ok: false as const, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  const projectId = ctx.session.auth.projectId ?? null;
  await publishChanges(ctx.ctx.redis, ctx.ctx.keyPrefix, results.filter((r) => r.ok).map((r) => ({ type: 'instance' as const, id: r.id, projectId })));
  return { results, failed: results.filter((r) => !r.ok) };
}
