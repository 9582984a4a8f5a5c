import type { z } from 'zod';
import { updateImage } from '@nimbus/core/image/images';
import type { ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZUpdateInputSchema } from './update.schema';

/** The edit form becomes one JSON patch: applied whole or not at all by the core service. */
export async function updateHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZUpdateInputSchema> }) {
  const ops: { op: 'replace'; path: string; value: unknown }[] = [];
  if (input.name !== undefined) ops.push({ op: 'replace', path: '/name', value: input.name });
  if (input.visibility !== undefined) ops.push({ op: 'replace', path: '/visibility', value: input.visibility });
  if (input.protected !== undefined) ops.push({ op: 'replace', path: '/protected', value: input.protected });
  if (input.minDisk !== undefined) ops.push({ op: 'replace', path: '/min_disk', value: input.minDisk });
  if (input.minRam !== undefined) ops.push({ op: 'replace', path: '/min_ram', value: input.minRam });
  const image = await updateImage(ctx.ctx, input.id, ops);
  return { id: image.id, name: image.name };
}
