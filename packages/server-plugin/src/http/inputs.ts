import { AUDIT_ACTIONS, SessionKitError } from '@sessionkit/core';
import type { AuditAction } from '@sessionkit/core';
import { parse as parseQueryString } from 'node:querystring';
import type { Request } from 'express';
import { z } from 'zod';

/**
 * Every input the router reads goes through one of these strict schemas: unknown fields, repeated query
 * parameters and operator objects such as `{"$ne": null}` fail them before anything reaches core or a store.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new SessionKitError('invalid_input', `the ${where} is invalid`, { field: where });
  if (issue.code === 'unrecognized_keys') {
    const key = String(issue.keys[0]);
    // `?=x` has a parameter without a name: an empty field would name nothing, so the part at fault is named.
    if (key === '')
      throw new SessionKitError('invalid_input', `a ${where} field without a name is not accepted`, {
        field: where,
      });
    throw new SessionKitError('invalid_input', `${key} is not accepted here`, { field: key });
  }
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
  throw new SessionKitError('invalid_input', `${field}: ${issue.message}`, { field });
}

/**
 * The query string as Express 5 reads it by default (`querystring`: flat names, repeats as lists), whatever the
 * host's Express version and `query parser` setting: Express 4's default (`qs`) would turn `status[$ne]=x`
 * into an object, and the kit's answers must not change with the host's choice.
 */
export function queryOf(req: Request): Record<string, string | string[] | undefined> {
  const url = req.originalUrl ?? req.url;
  const start = url.indexOf('?');
  return start < 0 ? {} : parseQueryString(url.slice(start + 1));
}

/** Public ids (`ses_…`, `app_…`): the alphabet newPublicId uses, bounded. */
export const publicId = z
  .string({ error: 'must be an id' })
  .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'is not a valid id' });

/** Host user ids: letters, digits and the punctuation common in ids and emails. */
export const userId = z
  .string({ error: 'must be a user id' })
  .regex(/^[A-Za-z0-9_.@:+-]{1,128}$/, { error: 'is not a valid user id' });

const MAX_TIME = Date.UTC(9999, 11, 31);

/** An ISO 8601 date (`2026-01-15`) or date-time with a zone (`2026-01-15T09:00:00Z`). */
export const isoDate = z
  .string({ error: 'must be an ISO 8601 date' })
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    error: 'must be an ISO 8601 date such as 2026-01-15 or 2026-01-15T09:00:00Z',
  })
  .transform((text, ctx) => {
    const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    // `new Date` rolls 2026-02-30 over to March: a day that doesn't read back the same doesn't exist.
    if (Number.isNaN(date.getTime()) || date.getTime() > MAX_TIME || !sameCalendarDay(text)) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
      return z.NEVER;
    }
    return date;
  });

function sameCalendarDay(text: string): boolean {
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text.slice(0, 10);
}

const count = (max: number) =>
  z
    .string({ error: 'must be a whole number' })
    .regex(/^\d{1,9}$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n <= max, { error: `must be at most ${max}` });

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;

/** Refine's simple-REST paging and sorting, shared by every list. */
export const listParams = {
  _start: count(10_000_000).optional(),
  _end: count(10_000_000).optional(),
  _page: count(1_000_000)
    .refine((n) => n >= 1, { error: 'must be 1 or more' })
    .optional(),
  _limit: count(MAX_PAGE_SIZE)
    .refine((n) => n >= 1, { error: 'must be 1 or more' })
    .optional(),
  _order: z.enum(['asc', 'desc', 'ASC', 'DESC'], { error: 'must be asc or desc' }).optional(),
};

export type SortOrder = 'asc' | 'desc';

export interface Paging {
  offset: number;
  limit: number;
}

/** `_start`/`_end` (Refine's default) or `_page`/`_limit`; at most MAX_PAGE_SIZE rows. */
export function pagingOf(query: {
  _start?: number | undefined;
  _end?: number | undefined;
  _page?: number | undefined;
  _limit?: number | undefined;
}): Paging {
  if (query._start !== undefined || query._end !== undefined) {
    const offset = query._start ?? 0;
    const end = query._end ?? offset + DEFAULT_PAGE_SIZE;
    if (end < offset)
      throw new SessionKitError('invalid_input', '_end must not be before _start', { field: '_end' });
    if (end - offset > MAX_PAGE_SIZE) {
      throw new SessionKitError('invalid_input', `a page holds at most ${MAX_PAGE_SIZE} rows`, {
        field: '_end',
      });
    }
    return { offset, limit: end - offset };
  }
  const limit = query._limit ?? DEFAULT_PAGE_SIZE;
  return { offset: ((query._page ?? 1) - 1) * limit, limit };
}

export function orderOf(order: string | undefined): SortOrder | undefined {
  return order === undefined ? undefined : (order.toLowerCase() as SortOrder);
}

export const auditAction = z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]], {
  error: `must be one of ${AUDIT_ACTIONS.join(', ')}`,
});

// Line breaks and tabs: a reason is one line of the audit trail.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// Control characters (NUL, terminal escapes) and the bidi embeddings, overrides and isolates, which make a
// stored line read differently on screen from what it says.
const CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
// What draws nothing: spaces, format characters (zero-width space, joiners, BOM), other default-ignorable
// code points (Hangul fillers, soft hyphen), lone combining marks, the blank Braille pattern.
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]*$/u;

/**
 * A free-text reason an administrator gives; kept in the audit trail and shown to the person signed out.
 * Control characters are dropped and blanks collapsed; what is left must show something, or be empty.
 */
export const reasonText = z
  .string({ error: 'must be text' })
  .max(2000, { error: 'must be at most 500 characters' })
  .transform((text) => text.replace(BREAKS, ' ').replace(CONTROLS, '').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .max(500, { error: 'must be at most 500 characters' })
      .refine((text) => text === '' || !INVISIBLE.test(text), { error: 'must contain visible text' }),
  );

export const booleanText = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');
