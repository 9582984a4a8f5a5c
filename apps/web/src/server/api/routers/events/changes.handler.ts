import type { z } from 'zod';
import { can } from '@nimbus/core/policy/index';
import type { ChangeNotice } from '@nimbus/core/events/changes';
import type { Session } from '../../../session';
import { changeHub } from './hub';
import type { ZChangesInputSchema } from './changes.schema';

/**
 * Change notices for the caller: their project's resources; every project's and cloud-wide ones
 * only for admins. Yields as notices arrive until the browser goes away (`signal`).
 */
export async function* changesHandler({ session, input, signal }: { session: Session; input: z.infer<typeof ZChangesInputSchema>; signal: AbortSignal | undefined }): AsyncGenerator<ChangeNotice> {
  const admin = can(session.auth, 'admin_required', {});
  const project = session.auth.projectId ?? null;
  const queue: ChangeNotice[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = changeHub().subscribe((change) => {
    if (!input.types.includes(change.type)) return;
    if (!admin && (change.projectId === null || change.projectId !== project)) return;
    queue.push(change);
    if (queue.length > 100) queue.shift();
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    while (!signal?.aborted) {
      if (queue.length === 0) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = null;
        continue;
      }
      yield queue.shift()!;
    }
  } finally {
    unsubscribe();
  }
}
