// One formatter per locale and style, made on first use: building an Intl formatter costs far more than using
// one, and a list formats a date or two per row.
function cached<F>(make: (locale: string) => F): (locale: string) => F {
  const byLocale = new Map<string, F>();
  return (locale) => {
    let f = byLocale.get(locale);
    if (!f) {
      f = make(locale);
      byLocale.set(locale, f);
    }
    return f;
  };
}

const dateTime = cached((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));
const dateTimeSeconds = cached(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }),
);
const date = cached((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
const day = cached((l) => new Intl.DateTimeFormat(l, { month: 'short', day: 'numeric', timeZone: 'UTC' }));
const number = cached((l) => new Intl.NumberFormat(l));

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

/** A `YYYY-MM-DD` day as "Mar 4", read in UTC as the server counts days in UTC. */
export function formatDay(value: string, locale: string): string {
  return day(locale).format(new Date(`${value}T00:00:00Z`));
}

export function formatNumber(value: number, locale: string): string {
  return number(locale).format(value);
}
