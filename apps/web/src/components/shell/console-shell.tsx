'use client';

import Link from 'next/link';
import { Dialog as RadixDialog } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { Menu, X } from 'lucide-react';
import { ToastProvider, TooltipProvider } from '@nimbus/ui';
import { NimbusWordmark } from './logo';
import { ProjectSwitcher } from './project-switcher';
import { ShellBreadcrumbs } from './shell-breadcrumbs';
import { SideNav } from './side-nav';
import { UserMenu } from './user-menu';
import type { ShellProps } from './types';

/**
 * The console frame: header (product, project switcher, user menu), left navigation (a drawer
 * below the lg breakpoint), breadcrumbs and the main landmark. Pages render inside as server
 * components; only the frame's menus hydrate.
 */
export function ConsoleShell({ children, ...props }: ShellProps & { children: ReactNode }) {
  const [navOpen, setNavOpen] = useState(false);
  return (
    <TooltipProvider>
      <ToastProvider>
        <a
          href="#main"
          className="sr-only z-[70] rounded-md bg-surface font-medium text-primary shadow-pop focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:px-3 focus:py-2"
        >
          Skip to main content
        </a>
        <header className="sticky top-0 z-30 flex h-header items-center gap-2 bg-header-bg px-3 text-header-fg sm:gap-3 sm:px-4">
          <RadixDialog.Root open={navOpen} onOpenChange={setNavOpen}>
            <RadixDialog.Trigger
              aria-label="Open navigation"
              className="flex size-9 items-center justify-center rounded-md text-header-fg hover:bg-white/10 focus-visible:outline-white lg:hidden"
            >
              <Menu aria-hidden="true" className="size-5" />
            </RadixDialog.Trigger>
            <RadixDialog.Portal>
              <RadixDialog.Overlay className="fixed inset-0 z-40 animate-nb-fade-in bg-[rgb(10_15_25/0.45)] lg:hidden" />
              <RadixDialog.Content
                aria-describedby={undefined}
                className="fixed inset-y-0 left-0 z-50 flex w-[min(18rem,85vw)] flex-col overflow-y-auto bg-surface shadow-pop lg:hidden"
              >
                <div className="flex h-header shrink-0 items-center justify-between border-b border-border px-4">
                  <RadixDialog.Title asChild>
                    <span><NimbusWordmark className="text-base text-fg" /></span>
                  </RadixDialog.Title>
                  <RadixDialog.Close aria-label="Close navigation" className="flex size-9 items-center justify-center rounded-md text-fg-muted hover:bg-surface-hover">
                    <X aria-hidden="true" className="size-5" />
                  </RadixDialog.Close>
                </div>
                <SideNav isAdmin={props.isAdmin} onNavigate={() => setNavOpen(false)} />
              </RadixDialog.Content>
            </RadixDialog.Portal>
          </RadixDialog.Root>
          <Link href="/project" prefetch={false} className="mr-1 rounded-md text-header-fg focus-visible:outline-white sm:mr-3">
            <NimbusWordmark className="text-[1.0625rem]" markClassName="size-7" />
          </Link>
          <ProjectSwitcher project={props.project} projects={props.projects} csrf={props.csrf} />
          <div className="ml-auto flex items-center gap-1">
            <UserMenu user={props.user} project={props.project} isAdmin={props.isAdmin} csrf={props.csrf} />
          </div>
        </header>
        <div className="flex">
          <aside className="sticky top-header hidden h-[calc(100dvh-var(--nb-header-height))] w-sidebar shrink-0 overflow-y-auto border-r border-border bg-surface lg:block">
            <SideNav isAdmin={props.isAdmin} />
          </aside>
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 pb-10 pt-4 focus:outline-none sm:px-6 lg:px-8">
            <div className="mx-auto max-w-[96rem]">
              <div className="mb-2 flex min-h-6 items-center">
                <ShellBreadcrumbs />
              </div>
              {children}
            </div>
          </main>
        </div>
      </ToastProvider>
    </TooltipProvider>
  );
}
