import type { perRequest } from '../phases/hotPath.js';
import type { StormResult } from '../phases/logins.js';
import { num } from '../stats.js';

// How figures are written in the report's Markdown tables.

/** A Markdown table; a `|` inside a cell is escaped. */
export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const ms = (value: number | null | undefined) =>
  value == null || !Number.isFinite(value) ? '–' : `${num(value)} ms`;

/** The columns after the rate in every load table: latency, errors, database commands a request, notes. */
export const LOAD_COLUMNS = [
  'p50 ms',
  'p99 ms',
  'errors',
  'reads/req',
  'writes/req',
  'not by `_id`/req (reads / writes)',
  'notes',
];

/** Database commands a request, or dashes for a server without a database. */
export function commandCells(per: ReturnType<typeof perRequest> | null): string[] {
  return per
    ? [num(per.reads), num(per.writes), `${num(per.readsNotById)} / ${num(per.writesNotById)}`]
    : ['–', '–', '–'];
}

export const yesNo = (v: boolean | null) => (v === null ? '?' : v ? 'yes' : 'no');
export const stormWall = (s: StormResult) =>
  s.unanswered > 0 ? `${s.unanswered} unanswered after ${num(s.wallSeconds)} s` : `${num(s.wallSeconds)} s`;
