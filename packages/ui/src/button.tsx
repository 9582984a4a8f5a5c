import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { cn } from './cn';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'sm' | 'md' | 'lg';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-primary text-primary-fg hover:bg-primary-hover border-transparent shadow-card',
  secondary: 'bg-surface text-fg border-border-strong hover:bg-surface-hover shadow-card',
  danger: 'bg-danger text-danger-fg hover:bg-danger-hover border-transparent shadow-card',
  ghost: 'bg-transparent text-fg border-transparent hover:bg-surface-hover',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-8 text-[0.8125rem] gap-1.5',
  md: 'h-9 text-sm gap-2',
  lg: 'h-11 text-[0.9375rem] gap-2',
};

// Padding is kept apart from height so square icon buttons don't fight over px-* classes.
const PADDING: Record<ButtonSize, string> = { sm: 'px-2.5', md: 'px-3.5', lg: 'px-5' };
const SQUARE: Record<ButtonSize, string> = { sm: 'w-8', md: 'w-9', lg: 'w-11' };

/** Class string for anything that should look like a button (e.g. a Next <Link>). */
export function buttonClasses(
  variant: ButtonVariant = 'secondary',
  size: ButtonSize = 'md',
  className?: string,
  shape: 'text' | 'square' = 'text',
): string {
  return cn(
    'inline-flex select-none items-center justify-center whitespace-nowrap rounded-md border font-medium',
    'transition-colors disabled:cursor-not-allowed disabled:opacity-55 aria-disabled:cursor-not-allowed aria-disabled:opacity-55',
    VARIANTS[variant],
    SIZES[size],
    shape === 'square' ? SQUARE[size] : PADDING[size],
    className,
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, keeps the width, and blocks repeat clicks while an action runs. */
  loading?: boolean;
  /** Icon before the label (lucide icon element). */
  icon?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

/** Server-safe (no hooks), so forms rendered without client JS can use it too. */
export function Button({
  variant = 'secondary',
  size = 'md',
  loading = false,
  icon,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses(variant, size, className)}
      {...rest}
    >
      {loading ? <Spinner /> : icon}
      {children}
    </button>
  );
}
