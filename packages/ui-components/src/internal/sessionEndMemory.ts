import type { SessionEnded } from '@sessionkit/core/browser';

// What this page last heard about the end of its session. The answer that says why also clears the cookie,
// so every request after it (Refine's retries, requests that raced it) only hears `unauthenticated`; this
// memory tells those apart from a person who was never signed in. It is module state on purpose: the cookie
// belongs to the whole page, and the data provider that hears the answer is not the auth provider that acts
// on it (a host may also create either more than once).
let ending: SessionEnded | null = null;
// Counts the endings heard, so an answer can tell whether its request left before or after the last one.
let heard = 0;

export function rememberSessionEnded(value: SessionEnded): void {
  ending = value;
  heard += 1;
}

export function recallSessionEnded(): SessionEnded | null {
  return ending;
}

/** Marks a request as it leaves; hand the mark to {@link answeredSignedIn} when it succeeds. */
export function requestMark(): number {
  return heard;
}

/**
 * A success for a request that left after the last ending was heard means a new session: the old reason no
 * longer explains a later `unauthenticated`. A success that left before it proves nothing.
 */
export function answeredSignedIn(mark: number): void {
  if (ending && mark === heard) ending = null;
}

export function forgetSessionEnded(): void {
  ending = null;
}
