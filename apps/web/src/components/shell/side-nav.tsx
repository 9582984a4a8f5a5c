'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@nimbus/ui';
import { activeItem, visibleSections } from './nav';

/** Section headings + links; the current page is marked aria-current and highlighted. */
export function SideNav({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  const sections = visibleSections(isAdmin);
  const active = activeItem(pathname, sections);
  return (
    <nav aria-label="Console" className="flex flex-col gap-5 px-3 py-4">
      {sections.map((section) => (
        <div key={section.id}>
          <h2 id={`nav-${section.id}`} className="mb-1 px-2 text-[0.6875rem] font-semibold uppercase tracking-wider text-fg-subtle">
            {section.label}
          </h2>
          <ul aria-labelledby={`nav-${section.id}`} className="flex flex-col gap-0.5">
            {section.items.map((item) => {
              const current = active?.item.href === item.href;
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    prefetch={false}
                    onClick={onNavigate}
                    aria-current={current ? 'page' : undefined}
                    className={cn(
                      'relative flex h-8 items-center gap-2.5 rounded-md px-2 text-sm text-fg-muted hover:bg-surface-hover hover:text-fg',
                      current && 'bg-primary-soft font-medium text-primary hover:bg-primary-soft hover:text-primary',
                    )}
                  >
                    {current ? <span aria-hidden="true" className="absolute -left-3 top-1.5 bottom-1.5 w-[3px] rounded-r bg-primary" /> : null}
                    <Icon aria-hidden="true" className="size-4 shrink-0" />
                    <span className="truncate">{item.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
