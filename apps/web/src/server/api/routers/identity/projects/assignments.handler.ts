import type { z } from 'zod';
import { consoleProjectAssignments } from '@nimbus/core/identity/resources/console-assignments';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZAssignmentsInputSchema } from './assignments.schema';

export async function assignmentsHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZAssignmentsInputSchema> }) {
  return consoleProjectAssignments(ctx.ctx, input.projectId);
}
