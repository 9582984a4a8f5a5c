import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { loadConfig } from '@nimbus/core';
import { runtime, closeRuntime } from './src/server/runtime';
import { restListener } from './src/server/rest/listener';
import { serialConsoleUpgrade } from './src/server/console/serial-proxy';

/**
 * One HTTP server per process: the OpenStack REST APIs and /healthz are answered here directly
 * (they need no React, and Next's routing would cost most of their latency); everything else is
 * the Next.js console. WEB_WORKERS > 1 forks that many processes sharing the port.
 */
const config = loadConfig();

async function serve(): Promise<void> {
  const rt = runtime();
  const dev = config.NODE_ENV !== 'production';
  const app = next({ dev, dir: fileURLToPath(new URL('.', import.meta.url)), hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const rest = restListener(rt);
  const server = createServer((req, res) => {
    if (!rest(req, res)) void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // The console proxy (its path only); Next adds its own upgrade listener for HMR on first request.
  server.on('upgrade', serialConsoleUpgrade(rt));
  server.listen(config.PORT, config.HOST, () => {
    rt.log.info({ url: config.publicUrl, pid: process.pid, dev }, 'web listening');
  });
  const stop = (signal: string) => {
    rt.log.info({ signal }, 'web stopping');
    server.close(() => void closeRuntime().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (cluster.isPrimary && config.WEB_WORKERS > 1) {
  for (let i = 0; i < config.WEB_WORKERS; i++) cluster.fork();
  const stopAll = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
  cluster.on('exit', (worker, code) => {
    if (code !== 0 && !worker.exitedAfterDisconnect) process.stderr.write(`web worker ${worker.process.pid} exited with ${code}\n`);
  });
} else {
  await serve();
}
