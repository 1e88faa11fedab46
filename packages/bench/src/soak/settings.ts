import { whole } from '../config.js';

// What the soak runs with: its environment variables, and the timings its memory judgement rests on.

const env = process.env;
export const SECONDS = whole(env, 'SOAK_SECONDS', 600, 10, 86_400);
export const CLIENTS = whole(env, 'SOAK_CLIENTS', 10, 1, 1000);
// The kit's touch interval (its default, 60 s, unless SOAK_TOUCH_MS says otherwise). Each session is revoked
// once it is that old, give or take 10 %: just when its requests start writing last-seen, the write that issue 8
// found undoing revokes on FerretDB.
export const TOUCH_MS = whole(env, 'SOAK_TOUCH_MS', 60_000, 1000, 3_600_000);
export const PEAK = whole(env, 'SOAK_PEAK_RPS', 0, 0, 1_000_000);
export const REQUEST_SECONDS = 10;
// A session refused as revoked is asked once more this long after: the refusal proves the end happened, so any
// 200 later means something brought it back, such as a write still in flight when the end was written (the
// old store's touch).
export const RECHECK_MS = 5000;
/** Below this share of the target rate the soak did not run at 80 % of the peak, whatever else it found. */
export const HELD_MIN = 0.9;

/**
 * Memory is judged on samples taken after a full collection, in three spans. Warm-up: until every client's
 * first session has been revoked and replaced (about 2.1 touch intervals), so sign-ins, touches, revokes and
 * the kit's caches have all started; at least a tenth of the run, at most a third. Baseline: the median of
 * the next window's samples. End: the median of the last window's samples, the sample after the load stopped
 * included. A window is a minute, or a sixth of a short run.
 */
export const WARMUP_SECONDS = Math.min(SECONDS / 3, Math.max(SECONDS / 10, (2.1 * TOUCH_MS) / 1000));
export const WINDOW_SECONDS = Math.min(60, SECONDS / 6);
export const SAMPLE_SECONDS = Math.min(10, WINDOW_SECONDS / 3);
