import { NOW } from './fixtures.js';
import type { Result } from './mockProtocol.js';
import { DAY, ISO_DATE, error } from './mockProtocol.js';

/** Logins and sign-outs a day over the asked window: busy weekdays and quiet weekends, the same every run. */
export function loginStatsAnswer(query: URLSearchParams): Result {
  for (const field of ['from', 'to']) {
    const value = query.get(field);
    if (value !== null && !ISO_DATE.test(value)) {
      return error(400, 'invalid_input', `${field}: must be an ISO 8601 date`, field);
    }
  }
  const from = new Date(query.get('from') ?? NOW.getTime() - 7 * DAY);
  const to = new Date(query.get('to') ?? NOW);
  const days = [];
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t <= +to; t += DAY) {
    const d = new Date(t);
    const n = d.getUTCDate();
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const logins = weekend ? n % 3 : 3 + ((n * 7) % 9);
    days.push({ date: d.toISOString().slice(0, 10), logins, logouts: Math.max(0, logins - (n % 3)) });
  }
  return {
    body: {
      from,
      to,
      logins: days.reduce((s, d) => s + d.logins, 0),
      logouts: days.reduce((s, d) => s + d.logouts, 0),
      days,
    },
  };
}
