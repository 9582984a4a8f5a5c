import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { health } from '../health';
import { dispatch, isRestPath } from './dispatch';
import { serviceMounts } from './mounts';

/**
 * Answers `/healthz` and every OpenStack REST path; returns false for anything else (the console).
 * Integration tests mount it on a bare http.Server, without Next.
 */
export function restListener(rt: Runtime): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (path === '/healthz') {
      void health(rt, res);
      return true;
    }
    if (!isRestPath(serviceMounts, path)) return false;
    dispatch(rt, serviceMounts, req, res).catch((err: unknown) => {
      rt.log.error({ err }, 'dispatch failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return true;
  };
}
