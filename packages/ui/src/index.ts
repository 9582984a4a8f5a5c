export { cn } from './cn';
export { statusTone, statusLabel, isTransitional, type StatusTone } from './status';
export { pageInfo, clampPage, pageAfterResize, markerPage, rangeLabel, DEFAULT_PAGE_SIZES, type PageInfo } from './pagination';

export { Button, buttonClasses, type ButtonProps, type ButtonVariant, type ButtonSize } from './button';
export { IconButton, type IconButtonProps } from './icon-button';
export { Spinner } from './spinner';
export {
  Field, FieldError, TextField, Textarea, Select, Checkbox, Switch, controlClasses, selectClasses, selectChevron,
  type FieldProps, type ControlProps, type TextFieldProps, type TextareaProps, type SelectProps, type SelectOption, type CheckboxProps,
} from './field';
export { PasswordField } from './password-field';
export { FormStack, FormSection, FormActions, FormError, type FormErrorProps } from './form';
export { Dialog, ConfirmDialog, type DialogProps, type ConfirmDialogProps } from './dialog';
export { Tooltip, TooltipProvider, type TooltipProps } from './tooltip';
export {
  ActionMenu, DropdownMenu, DropdownMenuTrigger, DropdownMenuContent, DropdownMenuItem, DropdownMenuRadioGroup,
  DropdownMenuRadioItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuGroup,
  type ActionItem, type ActionMenuProps,
} from './action-menu';
export { Tabs, type TabsProps, type TabItem } from './tabs';
export { Badge, StatusBadge, type BadgeTone, type StatusBadgeProps } from './badge';
export { Breadcrumbs, type Crumb, type BreadcrumbsProps } from './breadcrumbs';
export { EmptyState, ErrorState, type EmptyStateProps, type ErrorStateProps } from './states';
export { Skeleton } from './skeleton';
export { ToastProvider, useToast, type ToastInput, type ToastTone } from './toast';
export { Pagination, type PaginationProps } from './pager';
export { FilterBar, type FilterBarProps, type SelectFilter } from './resource-table/filter-bar';
export { ResourceTable, type ResourceTableProps, type ResourceColumn, type BatchAction } from './resource-table/resource-table';
export { useDebouncedCallback } from './use-debounced-callback';
export { DescriptionList, type DescriptionItem } from './description-list';
export { Panel, type PanelProps } from './panel';
export { CopyButton, type CopyButtonProps } from './copy-button';
export { StatCard, type StatCardProps } from './stat-card';
