import type { ReactNode } from 'react';
import { CircleAlert } from 'lucide-react';
import { cn } from './cn';

/** Vertical stack of fields with consistent spacing. */
export function FormStack({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn('flex flex-col gap-4', className)}>{children}</div>;
}

/** Titled group of fields (renders a fieldset so the legend is announced with each control). */
export function FormSection({ title, description, children, className }: { title: ReactNode; description?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <fieldset className={cn('min-w-0 border-0 p-0', className)}>
      <legend className="mb-1 text-sm font-semibold text-fg">{title}</legend>
      {description ? <p className="mb-3 text-[0.8125rem] text-fg-subtle">{description}</p> : null}
      <FormStack>{children}</FormStack>
    </fieldset>
  );
}

/** Footer row of a form: primary action last (rightmost), full-width stacking on phones. */
export function FormActions({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn('flex flex-col-reverse gap-2 sm:flex-row sm:justify-end', className)}>{children}</div>;
}

export interface FormErrorProps {
  /** Form-level message (e.g. the server's answer). */
  message?: string | undefined;
  /** Field-level errors by label, listed so a screen-reader user hears every problem at once. */
  fieldErrors?: ReadonlyArray<{ field: string; message: string; inputId?: string }>;
  className?: string;
}

/** Error summary at the top of a form; role="alert" so it is announced when it appears. */
export function FormError({ message, fieldErrors = [], className }: FormErrorProps) {
  if (!message && fieldErrors.length === 0) return null;
  return (
    <div role="alert" className={cn('flex gap-2.5 rounded-md border border-status-error/30 bg-status-error-bg p-3 text-sm text-status-error', className)}>
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">
        {message ? <p className="font-medium">{message}</p> : null}
        {fieldErrors.length > 0 ? (
          <ul className="mt-1 list-disc pl-4">
            {fieldErrors.map((e) => (
              <li key={e.field}>
                {e.inputId ? (
                  <a href={`#${e.inputId}`} className="underline underline-offset-2">{e.field}</a>
                ) : (
                  e.field
                )}
                : {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
