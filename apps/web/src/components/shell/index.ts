export { ConsoleShell } from './console-shell';
export { PageHeader, type PageHeaderProps } from './page-header';
export { NimbusMark, NimbusWordmark } from './logo';
export { NAV, activeItem, breadcrumbsFor, visibleSections, type NavItem, type NavSection } from './nav';
export type { ShellProps } from './types';
