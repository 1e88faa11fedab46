const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** "Mar 4, 2026, 09:41" */
export function formatDateTime(date: Date | string, locale: string): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(date));
}

/** "Mar 4, 2026, 09:41:07": the team view shows last logins to the second. */
export function formatDateTimeSeconds(date: Date | string, locale: string): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(date));
}

/** "Mar 4, 2026" */
export function formatDate(date: Date | string, locale: string): string {
  return formatter(locale, { dateStyle: 'medium' }).format(new Date(date));
}

/** A `YYYY-MM-DD` day as "Mar 4", read in UTC as the server counts days in UTC. */
export function formatDay(day: string, locale: string): string {
  return formatter(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
