import { describe, expect, it } from 'vitest';
import { parseTableState } from '../table/url-state';
import { auditListInput, auditTableSpec, utcInstant } from './spec';

describe('audit URL state', () => {
  it('defaults to newest first, 50 a page', () => {
    expect(auditListInput(parseTableState(new URLSearchParams(), auditTableSpec))).toEqual({ page: 1, pageSize: 50, sort: 'time', dir: 'desc' });
  });

  it('maps the filters to the query', () => {
    const qs = 'q=projects&user=alice&outcome=failure&from=2026-11-25T10:00&to=2026-11-25T11:30&page=2';
    expect(auditListInput(parseTableState(new URLSearchParams(qs), auditTableSpec))).toEqual({
      page: 2,
      pageSize: 50,
      sort: 'time',
      dir: 'desc',
      action: 'projects',
      user: 'alice',
      outcome: 'failure',
      from: '2026-11-25T10:00:00.000Z',
      to: '2026-11-25T11:30:59.999Z',
    });
  });

  it('ignores malformed times and outcomes', () => {
    const state = parseTableState(new URLSearchParams('from=yesterday&to=2026-13-45T99:99&outcome=maybe'), auditTableSpec);
    expect(auditListInput(state)).toEqual({ page: 1, pageSize: 50, sort: 'time', dir: 'desc' });
    expect(utcInstant('2026-11-25T10:00:00Z')).toBeUndefined();
  });
});
