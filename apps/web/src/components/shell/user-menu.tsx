'use client';

import Link from 'next/link';
import { useRef } from 'react';
import { ChevronDown, KeySquare, LogOut } from 'lucide-react';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@nimbus/ui';
import type { ShellProps } from './types';

/** User menu; "Sign out" posts a form so the server revokes the token, not just the cookie. */
export function UserMenu({ user, project, isAdmin, csrf }: Pick<ShellProps, 'user' | 'project' | 'isAdmin' | 'csrf'>) {
  const logout = useRef<HTMLFormElement>(null);
  const initial = user.name.charAt(0).toUpperCase() || '?';
  return (
    <>
      <form ref={logout} method="post" action="/auth/logout" hidden>
        <input type="hidden" name="csrf" value={csrf} />
      </form>
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label={`User menu for ${user.name}`}
          className="flex h-9 items-center gap-2 rounded-md px-1.5 text-sm text-header-fg hover:bg-white/10 focus-visible:outline-white"
        >
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-primary text-[0.8125rem] font-semibold text-primary-fg">
            {initial}
          </span>
          <span className="hidden max-w-[10rem] truncate sm:inline">{user.name}</span>
          <ChevronDown aria-hidden="true" className="hidden size-3.5 text-header-muted sm:block" />
        </DropdownMenuTrigger>
        <DropdownMenuContent className="w-60">
          <DropdownMenuLabel className="pb-2">
            <span className="block truncate text-sm font-semibold text-fg">{user.name}</span>
            <span className="block truncate font-normal">
              {isAdmin ? 'Cloud admin · ' : ''}project {project.name}
            </span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/project/api-access" prefetch={false}>
              <KeySquare aria-hidden="true" className="size-4" />
              API Access
            </Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => logout.current?.requestSubmit()}>
            <LogOut aria-hidden="true" className="size-4" />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
