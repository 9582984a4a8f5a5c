'use client';

import { DropdownMenu as Menu } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { EllipsisVertical } from 'lucide-react';
import { cn } from './cn';
import { Tooltip } from './tooltip';

/**
 * Styled Radix dropdown parts for custom menus (project switcher, user menu), plus ActionMenu for
 * the common "list of actions, some disabled with a reason" case.
 */

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuGroup = Menu.Group;
export const DropdownMenuRadioGroup = Menu.RadioGroup;

export function DropdownMenuContent({ className, align = 'end', sideOffset = 6, ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={8}
        className={cn(
          'z-50 min-w-48 max-w-[min(22rem,calc(100vw-1rem))] animate-nb-fade-in overflow-y-auto rounded-md border border-border bg-surface p-1 text-sm text-fg shadow-pop',
          'max-h-[var(--radix-dropdown-menu-content-available-height)]',
          className,
        )}
        {...props}
      />
    </Menu.Portal>
  );
}

const itemClasses = cn(
  'relative flex h-8 cursor-default select-none items-center gap-2 rounded-sm px-2 outline-none',
  'data-[highlighted]:bg-surface-hover data-[disabled]:text-fg-subtle data-[disabled]:opacity-70',
);

export function DropdownMenuItem({ className, danger, ...props }: ComponentProps<typeof Menu.Item> & { danger?: boolean }) {
  return <Menu.Item className={cn(itemClasses, danger && 'text-danger data-[highlighted]:bg-status-error-bg', className)} {...props} />;
}

export function DropdownMenuRadioItem({ className, children, ...props }: ComponentProps<typeof Menu.RadioItem>) {
  return (
    <Menu.RadioItem className={cn(itemClasses, 'pl-7', className)} {...props}>
      <Menu.ItemIndicator className="absolute left-2 flex size-3.5 items-center justify-center">
        <span className="size-1.5 rounded-full bg-primary" />
      </Menu.ItemIndicator>
      {children}
    </Menu.RadioItem>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof Menu.Label>) {
  return <Menu.Label className={cn('px-2 pb-1 pt-1.5 text-xs font-medium text-fg-subtle', className)} {...props} />;
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof Menu.Separator>) {
  return <Menu.Separator className={cn('-mx-1 my-1 h-px bg-border', className)} {...props} />;
}

export interface ActionItem {
  id: string;
  label: string;
  icon?: ReactNode;
  onSelect: () => void;
  /** Not allowed now (state or policy); prefer disabling with a reason over hiding. */
  disabled?: boolean;
  /** Why it is disabled, shown as a tooltip and read by screen readers. */
  disabledReason?: string;
  danger?: boolean;
  /** Draws a separator above this item (groups destructive actions at the bottom). */
  separatorBefore?: boolean;
}

export interface ActionMenuProps {
  items: readonly ActionItem[];
  /** Accessible name of the trigger, e.g. "Actions for project demo". */
  label: string;
  /** Custom trigger element; defaults to a "⋮" icon button. */
  trigger?: ReactNode;
  align?: 'start' | 'center' | 'end';
}

export function ActionMenu({ items, label, trigger, align = 'end' }: ActionMenuProps) {
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger asChild>
        {trigger ?? (
          <button
            type="button"
            aria-label={label}
            className="flex size-8 items-center justify-center rounded-md text-fg-muted hover:bg-surface-hover hover:text-fg data-[state=open]:bg-surface-hover"
          >
            <EllipsisVertical aria-hidden="true" className="size-4" />
          </button>
        )}
      </Menu.Trigger>
      <DropdownMenuContent align={align} aria-label={label}>
        {items.map((item) => (
          <ActionMenuRow key={item.id} item={item} />
        ))}
      </DropdownMenuContent>
    </Menu.Root>
  );
}

function ActionMenuRow({ item }: { item: ActionItem }) {
  // Radix skips disabled items in keyboard navigation, so a disabled action whose reason matters
  // stays focusable (aria-disabled) and simply does nothing when chosen.
  const blocked = item.disabled === true;
  const row = (
    <DropdownMenuItem
      danger={item.danger && !blocked}
      aria-disabled={blocked || undefined}
      aria-description={blocked ? item.disabledReason : undefined}
      className={cn(blocked && 'text-fg-subtle opacity-70')}
      onSelect={(event) => {
        if (blocked) {
          event.preventDefault();
          return;
        }
        item.onSelect();
      }}
    >
      {item.icon ? <span aria-hidden="true" className="flex size-4 items-center justify-center [&>svg]:size-4">{item.icon}</span> : null}
      <span className="truncate">{item.label}</span>
    </DropdownMenuItem>
  );
  return (
    <>
      {item.separatorBefore ? <DropdownMenuSeparator /> : null}
      {blocked && item.disabledReason ? <Tooltip content={item.disabledReason} side="left">{row}</Tooltip> : row}
    </>
  );
}
