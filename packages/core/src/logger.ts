import { pino, type Logger } from 'pino';

export type { Logger };

/** One root logger per process; everything else is a child bound to its request, job or node. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'secret',
        '*.secret',
        'token',
        '*.token',
        'headers["x-auth-token"]',
        'headers["x-subject-token"]',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
