'use client';

import { useState } from 'react';
import { Eye, EyeOff } from 'lucide-react';
import { cn } from './cn';
import { Field, controlClasses, type TextFieldProps } from './field';

/** Password input with a show/hide toggle (a real button, announced via aria-pressed). */
export function PasswordField({ label, description, error, required, hideLabel, className, inputClassName, id, ...input }: Omit<TextFieldProps, 'type'>) {
  const [visible, setVisible] = useState(false);
  return (
    <Field {...{ label, description, error, required, hideLabel, className, id }}>
      {(control) => (
        <div className="relative">
          <input
            type={visible ? 'text' : 'password'}
            autoComplete="current-password"
            {...input}
            {...control}
            className={cn(controlClasses, 'h-9 pr-10', inputClassName)}
          />
          <button
            type="button"
            aria-pressed={visible}
            aria-label="Show password"
            onClick={() => setVisible((v) => !v)}
            className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-fg-subtle hover:text-fg"
          >
            {visible ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
          </button>
        </div>
      )}
    </Field>
  );
}
