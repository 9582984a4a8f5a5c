import type { Logger } from '@nimbus/core/logger';

/**
 * Runs `task` every `ms`, never two at once (the next run is armed when the previous ended), and
 * logs a failure instead of dying. Several workers may run the same task: each is written to be
 * safe under concurrency (conditional updates).
 */
export function every(ms: number, task: () => Promise<void>, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = task()
        .catch((err: unknown) => log.error({ err }, 'periodic task failed'))
        .finally(arm);
    }, ms);
  };
  arm();
  return {
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
