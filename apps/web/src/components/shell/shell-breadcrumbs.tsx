'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Breadcrumbs } from '@nimbus/ui';
import { breadcrumbsFor } from './nav';

/** Breadcrumbs derived from the URL and the nav, so pages don't each repeat them. */
export function ShellBreadcrumbs() {
  const crumbs = breadcrumbsFor(usePathname());
  if (crumbs.length === 0) return null;
  return <Breadcrumbs items={crumbs} linkAs={Link} />;
}
