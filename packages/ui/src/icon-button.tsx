'use client';

import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
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
      className={buttonClasses(variant, size, className, 'square')}
      {...rest}
    >
      {loading ? <Spinner /> : icon}
    </button>
  );
  return tooltip ? <Tooltip content={rest['aria-label']}>{button}</Tooltip> : button;
}
