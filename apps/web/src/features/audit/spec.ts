import type { TableSpec, TableState } from '../table/url-state';

export const AUDIT_SORTS = ['time', 'action', 'user', 'outcome', 'status'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];
export type AuditFilter = 'outcome' | 'user' | 'from' | 'to';

/** The filter box searches the action; user and the time range (UTC) have their own fields. */
export const auditTableSpec: TableSpec<AuditSort, AuditFilter> = {
  sorts: AUDIT_SORTS,
  defaultSort: 'time',
  defaultDir: 'desc',
  pageSizes: [20, 50, 100],
  defaultPageSize: 50,
  filters: { outcome: ['success', 'failure'], user: 'text', from: 'text', to: 'text' },
};

const OUTCOMES = ['success', 'failure'] as const;
const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A `datetime-local` value read as UTC (the page says so), or undefined when it is not one. */
export function utcInstant(value: string): string | undefined {
  if (!LOCAL_MINUTE.test(value)) return undefined;
  const d = new Date(`${value}:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function auditListInput(state: TableState<AuditSort, AuditFilter>) {
  const from = utcInstant(state.filters.from);
  const to = utcInstant(state.filters.to);
  const outcome = OUTCOMES.find((o) => o === state.filters.outcome);
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    dir: state.dir,
    ...(state.q ? { action: state.q } : {}),
    ...(state.filters.user ? { user: state.filters.user } : {}),
    ...(outcome ? { outcome } : {}),
    // `to` is inclusive of its whole minute.
    ...(from ? { from } : {}),
    ...(to ? { to: new Date(new Date(to).getTime() + 59_999).toISOString() } : {}),
  };
}
export type AuditListInput = ReturnType<typeof auditListInput>;
