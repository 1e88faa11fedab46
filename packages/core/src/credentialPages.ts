import type { ListQuery } from './serviceTypes.js';
import type { Page } from './store.js';
import { compareStrings, compareText, pageOf } from './storeSupport.js';

/** Sorts a short list (stable, ties by id) and pages it; without a sort the store's newest-first order stays. */
export function pageList<T extends { id: string }, F extends string>(
  rows: T[],
  query: ListQuery<F>,
): Page<T> {
  const offset = query.offset ?? 0;
  const sort = query.sort;
  if (!sort) {
    const end = query.limit === undefined ? undefined : offset + query.limit;
    return { items: rows.slice(offset, end), total: rows.length };
  }
  const sign = sort.order === 'asc' ? 1 : -1;
  const value = (row: T): number | string => {
    const v = (row as Record<string, unknown>)[sort.field];
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'number') return v;
    return v === null || v === undefined ? -Infinity : String(v);
  };
  const compare = (a: T, b: T) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'string' && typeof y === 'string' ? compareText(x, y) : x < y ? -1 : x > y ? 1 : 0;
    return sign * (c || compareStrings(a.id, b.id));
  };
  return { items: pageOf(rows, compare, offset, query.limit), total: rows.length };
}
