'use client';

import { useRef, useState } from 'react';
import { Check, ChevronsUpDown, FolderKanban, Search } from 'lucide-react';
import {
  DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger, cn,
} from '@nimbus/ui';
import type { ShellProps } from './types';

// Beyond this many projects a filter box is shown so the list stays usable for cloud admins.
const FILTER_THRESHOLD = 8;

/**
 * Re-scopes the session to another project by posting a plain form (the server re-issues the
 * token and redirects), so the switch behaves like a fresh page load with no stale client state.
 */
export function ProjectSwitcher({ project, projects, csrf }: Pick<ShellProps, 'project' | 'projects' | 'csrf'>) {
  const form = useRef<HTMLFormElement>(null);
  const target = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const shown = query ? projects.filter((p) => p.name.toLowerCase().includes(query.toLowerCase())) : projects;

  function switchTo(projectId: string) {
    if (projectId === project.id || !form.current || !target.current) return;
    target.current.value = projectId;
    form.current.requestSubmit();
  }

  return (
    <>
      <form ref={form} method="post" action="/auth/switch-project" hidden>
        <input type="hidden" name="csrf" value={csrf} />
        <input ref={target} type="hidden" name="projectId" defaultValue="" />
      </form>
      <DropdownMenu onOpenChange={(open) => !open && setQuery('')}>
        <DropdownMenuTrigger
          className="flex h-9 min-w-0 max-w-[14rem] items-center gap-2 rounded-md border border-white/15 bg-white/5 px-2.5 text-sm text-header-fg hover:bg-white/10 focus-visible:outline-white sm:max-w-[18rem]"
          aria-label={`Current project: ${project.name}. Switch project`}
        >
          <FolderKanban aria-hidden="true" className="size-4 shrink-0 text-header-muted" />
          <span className="hidden text-header-muted md:inline">Project</span>
          <span className="truncate font-medium">{project.name}</span>
          <ChevronsUpDown aria-hidden="true" className="size-3.5 shrink-0 text-header-muted" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-72">
          <DropdownMenuLabel>Switch project</DropdownMenuLabel>
          {projects.length > FILTER_THRESHOLD ? (
            <div className="relative px-1 pb-1">
              <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-2.5 size-3.5 text-fg-subtle" />
              <input
                type="search"
                aria-label="Filter projects"
                placeholder="Filter projects"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    e.currentTarget.closest('[role="menu"]')?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
                  } else if (e.key !== 'Escape' && e.key !== 'Tab') {
                    // The menu's typeahead would otherwise swallow letters typed here.
                    e.stopPropagation();
                  }
                }}
                className="h-8 w-full rounded-md border border-border-strong bg-surface pl-7 pr-2 text-sm"
              />
            </div>
          ) : null}
          <DropdownMenuSeparator />
          <div className="max-h-72 overflow-y-auto">
            {shown.length === 0 ? <p className="px-2 py-1.5 text-[0.8125rem] text-fg-subtle">No matching project</p> : null}
            {shown.map((p) => {
              const current = p.id === project.id;
              return (
                <DropdownMenuItem key={p.id} onSelect={() => switchTo(p.id)} aria-current={current ? 'true' : undefined}>
                  <Check aria-hidden="true" className={cn('size-4 shrink-0 text-primary', !current && 'invisible')} />
                  <span className={cn('truncate', current && 'font-medium')}>{p.name}</span>
                </DropdownMenuItem>
              );
            })}
          </div>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
