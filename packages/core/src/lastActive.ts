import { DAY, HOUR, MINUTE } from './clock.js';

/** Under this, a session reads "Active now". */
export const ACTIVE_NOW_MS = 2 * MINUTE;

/**
 * One Intl object per locale, made on first use: building one costs far more than formatting with it, and a
 * list of a thousand sessions labels every row.
 */
export function perLocale<F>(make: (locale: string) => F): (locale: string) => F {
  const byLocale = new Map<string, F>();
  return (locale) => {
    let made = byLocale.get(locale);
    if (!made) {
      made = make(locale);
      byLocale.set(locale, made);
    }
    return made;
  };
}

const relativeTime = perLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
const mediumDate = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));

/**
 * "Active now", "5 minutes ago", "2 hours ago", "Yesterday", "3 days ago", in the given locale.
 * Past about a month it gives a date, which reads better than "14 weeks ago".
 */
export function lastActiveLabel(at: Date | string, now: Date, locale = 'en', activeNowText?: string): string {
  const then = new Date(at);
  const elapsed = Math.max(0, now.getTime() - then.getTime());
  if (elapsed < ACTIVE_NOW_MS) return activeNowText ?? activeNowIn(locale);
  const rtf = relativeTime(locale);
  if (elapsed < HOUR) return rtf.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / HOUR), 'hour');
  const days = Math.floor(elapsed / DAY);
  if (days < 31) {
    const label = rtf.format(-days, 'day');
    return capitalize(label, locale);
  }
  return mediumDate(locale).format(then);
}

/** Whether a session counts as "Active now" (the green dot). */
export function isActiveNow(at: Date | string, now: Date): boolean {
  return now.getTime() - new Date(at).getTime() < ACTIVE_NOW_MS;
}

function activeNowIn(locale: string): string {
  // Intl has no "active now"; "now" in the locale keeps it translated without a string table.
  const now = relativeTime(locale).format(0, 'second');
  return locale.toLowerCase().startsWith('en') ? 'Active now' : capitalize(now, locale);
}

function capitalize(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
