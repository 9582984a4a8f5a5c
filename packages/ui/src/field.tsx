import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { CircleAlert } from 'lucide-react';
import { cn } from './cn';

/**
 * Form fields. Each renders a real <label>, and wires description and error to the control with
 * aria-describedby so screen readers read them on focus. Server-safe (useId only): a form made of
 * these works with JavaScript off.
 */

export interface FieldProps {
  label: ReactNode;
  /** Help text under the control. */
  description?: ReactNode;
  /** Validation message; marks the control aria-invalid. Read out prefixed by the field's label. */
  error?: string | undefined;
  required?: boolean;
  /** Keeps the label for assistive tech only (e.g. a search box with a visible placeholder). */
  hideLabel?: boolean;
  className?: string;
}

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  required: boolean | undefined;
}

export const controlClasses = cn(
  // 16px text on phones stops iOS Safari from zooming into a focused field.
  'block w-full rounded-md border border-border-strong bg-surface px-3 text-base text-fg sm:text-sm shadow-[inset_0_1px_1px_rgb(16_24_40/0.04)]',
  'placeholder:text-fg-subtle hover:border-fg-subtle focus-visible:border-focus focus-visible:outline-2 focus-visible:outline-offset-0',
  'disabled:cursor-not-allowed disabled:bg-surface-2 disabled:text-fg-subtle',
  'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger',
);

/** Chevron for native <select>s (appearance-none), so every browser draws the same one. */
export const selectChevron =
  'appearance-none bg-[url("data:image/svg+xml,%3Csvg%20xmlns=%27http://www.w3.org/2000/svg%27%20viewBox=%270%200%2016%2016%27%20fill=%27none%27%20stroke=%27%236b7280%27%20stroke-width=%271.6%27%3E%3Cpath%20d=%27m4%206%204%204%204-4%27/%3E%3C/svg%3E")] bg-[length:1rem] bg-[right_0.5rem_center] bg-no-repeat pr-8';

export const selectClasses = cn(controlClasses, 'h-9', selectChevron);

function useFieldIds(given: string | undefined, description: ReactNode, error: string | undefined) {
  const auto = useId();
  const id = given ?? `f${auto.replace(/:/g, '')}`;
  const descId = description ? `${id}-desc` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [errId, descId].filter(Boolean).join(' ') || undefined;
  return { id, descId, errId, describedBy };
}

export function FieldError({ id, label, children }: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-[0.8125rem] text-danger">
      <CircleAlert aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
      <span>
        <span className="sr-only">{label}: </span>
        {children}
      </span>
    </p>
  );
}

/** Low-level wrapper: pass a render function that spreads the ids onto any control. */
export function Field({
  id: givenId,
  label,
  description,
  error,
  required,
  hideLabel,
  className,
  children,
}: FieldProps & { id?: string; children: (control: ControlProps) => ReactNode }) {
  const { id, descId, errId, describedBy } = useFieldIds(givenId, description, error);
  return (
    <div className={cn('min-w-0', className)}>
      <label htmlFor={id} className={cn('mb-1.5 block text-[0.8125rem] font-medium text-fg', hideLabel && 'sr-only')}>
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-danger">*</span>
        ) : null}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
      {error && errId ? <FieldError id={errId} label={label}>{error}</FieldError> : null}
      {description && descId ? (
        <p id={descId} className="mt-1.5 text-[0.8125rem] text-fg-subtle">{description}</p>
      ) : null}
    </div>
  );
}

export type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & { ref?: Ref<HTMLInputElement>; inputClassName?: string };

export function TextField({ label, description, error, required, hideLabel, className, inputClassName, id, ...input }: TextFieldProps) {
  return (
    <Field {...{ label, description, error, required, hideLabel, className, id }}>
      {(control) => <input type="text" {...input} {...control} className={cn(controlClasses, 'h-9', inputClassName)} />}
    </Field>
  );
}

export type TextareaProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> & { ref?: Ref<HTMLTextAreaElement> };

export function Textarea({ label, description, error, required, hideLabel, className, id, rows = 3, ...textarea }: TextareaProps) {
  return (
    <Field {...{ label, description, error, required, hideLabel, className, id }}>
      {(control) => <textarea rows={rows} {...textarea} {...control} className={cn(controlClasses, 'py-2 leading-snug')} />}
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
    options: readonly SelectOption[];
    /** Adds a first empty option (e.g. "Any status"). */
    placeholder?: string;
    ref?: Ref<HTMLSelectElement>;
    selectClassName?: string;
  };

/** Native <select>: keyboard, mobile pickers and form posting for free, and no JS. */
export function Select({ label, description, error, required, hideLabel, className, id, options, placeholder, selectClassName, ...select }: SelectProps) {
  return (
    <Field {...{ label, description, error, required, hideLabel, className, id }}>
      {(control) => (
        <select
          {...select}
          {...control}
          className={cn(selectClasses, selectClassName)}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export type CheckboxProps = Omit<FieldProps, 'hideLabel'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children' | 'role'> & { ref?: Ref<HTMLInputElement> };

function ToggleField({
  label, description, error, required, className, id: givenId, inputClass, role, ...input
}: CheckboxProps & { inputClass: string; role?: 'switch' }) {
  const { id, descId, errId, describedBy } = useFieldIds(givenId, description, error);
  return (
    <div className={cn('min-w-0', className)}>
      <div className="flex items-start gap-2.5">
        <input
          type="checkbox"
          role={role}
          id={id}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={inputClass}
          {...input}
        />
        <div className="min-w-0">
          <label htmlFor={id} className="text-sm font-medium text-fg">
            {label}
          </label>
          {description && descId ? <p id={descId} className="text-[0.8125rem] text-fg-subtle">{description}</p> : null}
        </div>
      </div>
      {error && errId ? <FieldError id={errId} label={label}>{error}</FieldError> : null}
    </div>
  );
}

/** Native checkbox (accent-coloured), so it posts with a form and needs no JS. */
export function Checkbox(props: CheckboxProps) {
  return <ToggleField {...props} inputClass="mt-0.5 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed" />;
}

/** An on/off toggle: a native checkbox with role="switch", drawn as a track and thumb in CSS. */
export function Switch(props: CheckboxProps) {
  return (
    <ToggleField
      {...props}
      role="switch"
      inputClass={cn(
        'relative mt-px h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-border-strong transition-colors',
        'before:absolute before:left-0.5 before:top-0.5 before:size-4 before:rounded-full before:bg-white before:shadow before:transition-transform',
        'checked:bg-primary checked:before:translate-x-4 disabled:cursor-not-allowed disabled:opacity-55',
      )}
    />
  );
}
