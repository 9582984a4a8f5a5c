import type { z } from 'zod';
import { consoleListGroupMembers } from '@nimbus/core/identity/resources/console-groups';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZMembersInputSchema } from './members.schema';

export async function membersHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZMembersInputSchema> }) {
  return consoleListGroupMembers(ctx.ctx, input);
}
