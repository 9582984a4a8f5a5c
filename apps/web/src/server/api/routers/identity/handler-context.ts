import { can } from '@nimbus/core/policy/index';
import type { RequestContext } from '@nimbus/core/identity/context';
import type { PolicyTarget } from '@nimbus/core/policy/evaluate';
import type { Session } from '../../../session';

/** What every console handler receives: the signed-in session and the core request context. */
export interface ConsoleHandlerCtx {
  session: Session;
  ctx: RequestContext;
}

/** Whether to offer an action: the same rule and engine the service will enforce. */
export function allowed(ctx: ConsoleHandlerCtx, rule: string, target: PolicyTarget = { target: {} }): boolean {
  return can(ctx.session.auth, rule, target);
}
