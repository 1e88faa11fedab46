import { perLocale } from '@sessionkit/core/browser';

const dateTime = perLocale((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));
const dateTimeSeconds = perLocale(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }),
);
const date = perLocale((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
const time = perLocale((l) => new Intl.DateTimeFormat(l, { timeStyle: 'short' }));
const day = perLocale((l) => new Intl.DateTimeFormat(l, { month: 'short', day: 'numeric', timeZone: 'UTC' }));
const number = perLocale((l) => new Intl.NumberFormat(l));

/** "Mar 4, 2026, 09:41" */
export function formatDateTime(value: Date | string, locale: string): string {
  return dateTime(locale).format(new Date(value));
}

/** "Mar 4, 2026, 09:41:07": the team view shows last logins to the second. */
export function formatDateTimeSeconds(value: Date | string, locale: string): string {
  return dateTimeSeconds(locale).format(new Date(value));
}

/** "Mar 4, 2026" */
export function formatDate(value: Date | string, locale: string): string {
  return date(locale).format(new Date(value));
}

/** "09:41" */
export function formatTime(value: Date | string, locale: string): string {
  return time(locale).format(new Date(value));
}

/** A `YYYY-MM-DD` day as "Mar 4", read in UTC as the server counts days in UTC. */
export function formatDay(value: string, locale: string): string {
  return day(locale).format(new Date(`${value}T00:00:00Z`));
}

export function formatNumber(value: number, locale: string): string {
  return number(locale).format(value);
}
