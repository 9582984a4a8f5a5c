import type { ReactNode } from 'react';
import { CircleAlert, Inbox } from 'lucide-react';
import { cn } from './cn';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** Icon element; defaults to an inbox. */
  icon?: ReactNode;
  /** Usually the "Create ..." button. */
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ title, description, icon, action, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center justify-center px-6 py-10 text-center', className)}>
      <div aria-hidden="true" className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-2 text-fg-subtle">
        {icon ?? <Inbox className="size-5" />}
      </div>
      <p className="text-sm font-semibold text-fg">{title}</p>
      {description ? <p className="mt-1 max-w-md text-[0.8125rem] text-fg-subtle">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

export interface ErrorStateProps {
  title?: ReactNode;
  /** What went wrong, in the server's words (plus the request id when there is one). */
  message?: ReactNode;
  requestId?: string | undefined;
  /** Usually a "Try again" button. */
  action?: ReactNode;
  className?: string;
}

/** role="alert": announced when a list or panel fails to load. */
export function ErrorState({ title = 'Something went wrong', message, requestId, action, className }: ErrorStateProps) {
  return (
    <div role="alert" className={cn('flex flex-col items-center justify-center px-6 py-10 text-center', className)}>
      <div aria-hidden="true" className="mb-3 flex size-10 items-center justify-center rounded-full bg-status-error-bg text-status-error">
        <CircleAlert className="size-5" />
      </div>
      <p className="text-sm font-semibold text-fg">{title}</p>
      {message ? <p className="mt-1 max-w-md text-[0.8125rem] text-fg-muted">{message}</p> : null}
      {requestId ? <p className="mt-1 font-mono text-xs text-fg-subtle">Request ID: {requestId}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
