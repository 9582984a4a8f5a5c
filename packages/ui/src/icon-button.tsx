'use client';

import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { cn } from './cn';
import { buttonClasses, type ButtonSize, type ButtonVariant } from './button';
import { Spinner } from './spinner';
import { Tooltip } from './tooltip';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'children'> {
  /** Required: an icon-only control has no other accessible name. Also shown as the tooltip. */
  'aria-label': string;
  icon: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  loading?: boolean;
  /** Set false when the label is already visible nearby. */
  tooltip?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

const SQUARE: Record<ButtonSize, string> = { sm: 'w-8 px-0', md: 'w-9 px-0', lg: 'w-11 px-0' };

export function IconButton({
  icon,
  variant = 'ghost',
  size = 'md',
  loading = false,
  tooltip = true,
  disabled,
  className,
  type = 'button',
  ...rest
}: IconButtonProps) {
  const button = (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses(variant, size, cn(SQUARE[size], className))}
      {...rest}
    >
      {loading ? <Spinner /> : icon}
    </button>
  );
  return tooltip ? <Tooltip content={rest['aria-label']}>{button}</Tooltip> : button;
}
