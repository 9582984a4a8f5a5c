'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CircleCheck, CircleX, Info, TriangleAlert, X } from 'lucide-react';
import { cn } from './cn';

export type ToastTone = 'success' | 'error' | 'warning' | 'info';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds; errors stay until dismissed unless set. */
  duration?: number;
}

interface ToastEntry extends Required<Pick<ToastInput, 'title' | 'tone'>> {
  id: number;
  description: string | undefined;
  duration: number | undefined;
}

type Notify = (toast: ToastInput) => void;

const ToastContext = createContext<Notify | null>(null);

/** Notifications after actions ("Project demo created"). Errors are assertive, the rest polite. */
export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useToast must be used inside <ToastProvider>');
  return notify;
}

const TONES: Record<ToastTone, { icon: typeof Info; className: string }> = {
  success: { icon: CircleCheck, className: 'text-status-active' },
  error: { icon: CircleX, className: 'text-status-error' },
  warning: { icon: TriangleAlert, className: 'text-status-warning' },
  info: { icon: Info, className: 'text-status-building' },
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>((input) => {
    const tone = input.tone ?? 'success';
    const entry: ToastEntry = {
      id: nextId.current++,
      title: input.title,
      description: input.description,
      tone,
      duration: input.duration ?? (tone === 'error' ? undefined : 5000),
    };
    // Keep at most 4 on screen so a batch action can't bury the page.
    setToasts((list) => [...list.slice(-3), entry]);
  }, []);

  const value = useMemo(() => notify, [notify]);
  const polite = toasts.filter((t) => t.tone !== 'error');
  const assertive = toasts.filter((t) => t.tone === 'error');

  return (
    <ToastContext.Provider value={value}>
      {children}
      {/* Top of the screen on phones (clear of bottom-sheet dialogs and their buttons), bottom right elsewhere. */}
      <div className="pointer-events-none fixed inset-x-0 top-0 z-[60] flex flex-col items-center gap-2 p-3 sm:inset-x-auto sm:bottom-0 sm:right-0 sm:top-auto sm:items-end sm:p-4">
        <div role="status" aria-live="polite" className="contents">
          {polite.map((t) => <ToastCard key={t.id} toast={t} onDismiss={dismiss} />)}
        </div>
        <div role="alert" aria-live="assertive" className="contents">
          {assertive.map((t) => <ToastCard key={t.id} toast={t} onDismiss={dismiss} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastCard({ toast, onDismiss }: { toast: ToastEntry; onDismiss: (id: number) => void }) {
  const { icon: Icon, className } = TONES[toast.tone];
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (toast.duration === undefined || paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), toast.duration);
    return () => clearTimeout(timer);
  }, [toast.id, toast.duration, paused, onDismiss]);

  return (
    <div
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="pointer-events-auto flex w-full max-w-sm animate-nb-slide-in items-start gap-3 rounded-lg border border-border bg-surface p-3 shadow-pop"
    >
      <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', className)} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-fg">{toast.title}</p>
        {toast.description ? <p className="mt-0.5 break-words text-[0.8125rem] text-fg-muted">{toast.description}</p> : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 flex size-7 shrink-0 items-center justify-center rounded-md text-fg-subtle hover:bg-surface-hover hover:text-fg"
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </div>
  );
}
