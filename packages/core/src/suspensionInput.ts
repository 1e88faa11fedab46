import { DAY, MINUTE } from './clock.js';
import { SessionKitError } from './errors.js';
import type { FieldError } from './policy.js';

// What a suspension's form and the server both check, apart from the service so that a browser bundle can
// use it (suspension.ts pulls the store and token code).

/** The bounds of a suspension, for forms and the server's checks. */
export const SUSPENSION_LIMITS = {
  /** Shorter is a typo or a clock skew, not an investigation. */
  minMs: MINUTE,
  /** Longer is a deactivation in all but name: end the sessions instead. */
  maxMs: 90 * DAY,
  reasonMaxLength: 500,
} as const;

/** The durations a form offers. */
export const SUSPENSION_PRESETS_MS: readonly number[] = [
  15 * MINUTE,
  60 * MINUTE,
  4 * 60 * MINUTE,
  DAY,
  7 * DAY,
];

/** Each problem with a suspension's input, naming its field: the server refuses with the first, forms show all. */
export function suspensionErrors(input: unknown, now: Date): FieldError[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return [{ field: 'body', message: 'send { until, reason }' }];
  const { until, reason } = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const at = typeof until === 'string' || until instanceof Date ? new Date(until) : null;
  if (at === null || Number.isNaN(at.getTime()))
    errors.push({ field: 'until', message: 'until: must be a date and time (ISO 8601)' });
  else if (at.getTime() - now.getTime() < SUSPENSION_LIMITS.minMs)
    errors.push({ field: 'until', message: 'until: must be at least a minute from now' });
  else if (at.getTime() - now.getTime() > SUSPENSION_LIMITS.maxMs)
    errors.push({ field: 'until', message: 'until: must be at most 90 days from now' });
  // Blanks, control and format characters alone show the person nothing.
  if (typeof reason !== 'string' || !/[^\p{Cc}\p{Cf}\p{Z}\p{M}\s]/u.test(reason))
    errors.push({ field: 'reason', message: 'reason: say why; the person sees it' });
  else if (reason.trim().length > SUSPENSION_LIMITS.reasonMaxLength)
    errors.push({ field: 'reason', message: 'reason: at most 500 characters' });
  return errors;
}

/** A suspension's `until` and `reason` from input, or `invalid_input` naming the first bad field. */
export function parseSuspension(input: unknown, now: Date): { until: Date; reason: string } {
  const first = suspensionErrors(input, now)[0];
  if (first) throw new SessionKitError('invalid_input', first.message, { field: first.field });
  const { until, reason } = input as { until: string | Date; reason: string };
  return { until: new Date(until), reason: reason.trim() };
}
