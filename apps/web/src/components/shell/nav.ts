import type { LucideIcon } from 'lucide-react';
import { Boxes, Cpu, Disc3, FolderKanban, Gauge, Key, KeyRound, KeySquare, LayoutDashboard, Layers, PieChart, ScrollText, Server, ServerCog, ShieldCheck, Users, UsersRound } from 'lucide-react';

/**
 * The console's navigation: one list drives the sidebar, the active highlight and the breadcrumbs.
 * Identity panels live at top-level paths because `/identity` belongs to the Keystone REST API
 * (server.ts routes that prefix before Next sees it).
 */

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export interface NavSection {
  id: 'project' | 'admin' | 'identity';
  label: string;
  adminOnly?: boolean;
  items: NavItem[];
}

export const NAV: readonly NavSection[] = [
  {
    id: 'project',
    label: 'Project',
    items: [
      { href: '/project', label: 'Overview', icon: LayoutDashboard },
      { href: '/project/instances', label: 'Instances', icon: Server },
      { href: '/project/images', label: 'Images', icon: Disc3 },
      { href: '/project/key-pairs', label: 'Key Pairs', icon: Key },
      { href: '/project/server-groups', label: 'Server Groups', icon: Boxes },
      { href: '/project/api-access', label: 'API Access', icon: KeySquare },
    ],
  },
  {
    id: 'admin',
    label: 'Admin',
    adminOnly: true,
    items: [
      { href: '/admin', label: 'Overview', icon: Gauge },
      { href: '/admin/instances', label: 'Instances', icon: ServerCog },
      { href: '/admin/flavors', label: 'Flavors', icon: Layers },
      { href: '/admin/hypervisors', label: 'Hypervisors', icon: Cpu },
      { href: '/admin/quotas', label: 'Quotas', icon: PieChart },
      { href: '/admin/audit-log', label: 'Audit Log', icon: ScrollText },
    ],
  },
  {
    id: 'identity',
    label: 'Identity',
    items: [
      { href: '/projects', label: 'Projects', icon: FolderKanban },
      { href: '/users', label: 'Users', icon: Users },
      { href: '/groups', label: 'Groups', icon: UsersRound },
      { href: '/roles', label: 'Roles', icon: ShieldCheck },
      { href: '/application-credentials', label: 'Application Credentials', icon: KeyRound },
    ],
  },
];

export function visibleSections(isAdmin: boolean): NavSection[] {
  return NAV.filter((s) => !s.adminOnly || isAdmin);
}

function matches(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The nav item for a path: the longest href that is the path or a parent of it. */
export function activeItem(pathname: string, sections: readonly NavSection[] = NAV): { section: NavSection; item: NavItem } | null {
  let best: { section: NavSection; item: NavItem } | null = null;
  for (const section of sections) {
    for (const item of section.items) {
      if (matches(pathname, item.href) && (!best || item.href.length > best.item.href.length)) best = { section, item };
    }
  }
  return best;
}

export interface Crumb {
  label: string;
  href?: string;
}

/** "Identity › Projects › 3f2a…" for /projects/3f2a...; detail segments show shortened ids. */
export function breadcrumbsFor(pathname: string): Crumb[] {
  const hit = activeItem(pathname);
  if (!hit) return [];
  const crumbs: Crumb[] = [{ label: hit.section.label }, { label: hit.item.label, href: hit.item.href }];
  const rest = pathname.slice(hit.item.href.length).split('/').filter(Boolean);
  let href = hit.item.href;
  for (const segment of rest) {
    href += `/${segment}`;
    const text = decodeURIComponent(segment);
    crumbs.push({ label: text.length > 12 && /^[0-9a-f-]+$/i.test(text) ? `${text.slice(0, 8)}…` : text, href });
  }
  const last = crumbs[crumbs.length - 1];
  if (last) delete last.href;
  return crumbs;
}
