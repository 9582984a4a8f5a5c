import type { z } from 'zod';
import { createKeyPair } from '@nimbus/core/compute/keypairs';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZCreateInputSchema } from './create.schema';

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const { keyPair, privateKey } = await createKeyPair(ctx.ctx, { name: input.name, ...(input.publicKey?.trim() ? { public_key: input.publicKey.trim() } : {}) });
  return { name: keyPair.name, fingerprint: keyPair.fingerprint, privateKey };
}
