import { describe, expect, it } from 'vitest';
import { clampPage, markerPage, pageAfterResize, pageInfo, rangeLabel } from './pagination';

describe('pageInfo', () => {
  it('computes the range and page count when the total is known', () => {
    expect(pageInfo({ page: 2, pageSize: 20, rowCount: 20, total: 45 })).toEqual({
      from: 21, to: 40, pageCount: 3, hasPrev: true, hasNext: true,
    });
    expect(pageInfo({ page: 3, pageSize: 20, rowCount: 5, total: 45 })).toMatchObject({
      from: 41, to: 45, hasNext: false,
    });
  });

  it('infers a next page from a full page when the total is unknown', () => {
    expect(pageInfo({ page: 1, pageSize: 20, rowCount: 20 })).toMatchObject({ hasNext: true, hasPrev: false, pageCount: undefined });
    expect(pageInfo({ page: 2, pageSize: 20, rowCount: 7 })).toMatchObject({ from: 21, to: 27, hasNext: false, hasPrev: true });
  });

  it('reports an empty page as 0–0', () => {
    expect(pageInfo({ page: 1, pageSize: 20, rowCount: 0, total: 0 })).toEqual({
      from: 0, to: 0, pageCount: 1, hasPrev: false, hasNext: false,
    });
  });

  it('sanitises nonsense input instead of producing negative ranges', () => {
    expect(pageInfo({ page: 0, pageSize: 0, rowCount: 3 })).toMatchObject({ from: 1, to: 1, hasPrev: false });
  });
});

describe('clampPage', () => {
  it('keeps the page within bounds', () => {
    expect(clampPage(5, 45, 20)).toBe(3);
    expect(clampPage(0, 45, 20)).toBe(1);
    expect(clampPage(2, 0, 20)).toBe(1);
  });
});

describe('pageAfterResize', () => {
  it('keeps the first visible row on screen', () => {
    expect(pageAfterResize(3, 20, 50)).toBe(1);
    expect(pageAfterResize(2, 50, 20)).toBe(3);
    expect(pageAfterResize(1, 20, 100)).toBe(1);
  });
});

describe('markerPage', () => {
  const id = (r: { id: string }) => r.id;
  it('returns the last shown id as next marker when the server had more', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(markerPage(rows, 2, id)).toEqual({ rows: [{ id: 'a' }, { id: 'b' }], nextMarker: 'b' });
  });
  it('has no next marker on the last page', () => {
    expect(markerPage([{ id: 'a' }], 2, id)).toEqual({ rows: [{ id: 'a' }], nextMarker: undefined });
  });
});

describe('rangeLabel', () => {
  it('formats ranges', () => {
    expect(rangeLabel({ from: 1, to: 20 }, 134)).toBe('1–20 of 134');
    expect(rangeLabel({ from: 21, to: 40 })).toBe('21–40');
    expect(rangeLabel({ from: 0, to: 0 }, 0)).toBe('No items');
  });
});
