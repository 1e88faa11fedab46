import type { Answer } from '../http.js';

// What the soak counts, and how it reads the kit's answers.

/** Counts over the whole soak, printed every 30 s and at the end. */
export const tally = {
  requests: 0,
  signIns: 0,
  revokes: 0,
  revokesAnswered: 0,
  /** Revoked sessions refused on their next request, and refused again RECHECK_MS later (not paced, not in `requests`). */
  refused: 0,
  /** Of those, refused before the revoke's own answer had come back: right, and no error. */
  refusedEarly: 0,
  rechecked: 0,
  undone: 0,
  undoneKinds: new Map<string, number>(),
  errors: 0,
  errorKinds: new Map<string, number>(),
};

function count(map: Map<string, number>, kind: string): void {
  map.set(kind, (map.get(kind) ?? 0) + 1);
}

/** An error: anything but the right answer (a refusal while the revoke is on its way is right). */
export function error(kind: string): void {
  tally.errors += 1;
  count(tally.errorKinds, kind);
}

/** A revoke undone: a revoked session answered 200. */
export function undone(kind: string): void {
  tally.undone += 1;
  count(tally.undoneKinds, kind);
}

export const kinds = (map: Map<string, number>) => [...map].map(([k, n]) => `${k} ×${n}`).join('; ');

/** An answer as the error lines say it. */
export const describe = (answer: Answer) =>
  answer.status === 'timeout'
    ? `no answer within ${answer.seconds} s`
    : answer.status === 'error'
      ? `network: ${answer.error}`
      : `status ${answer.status}${bodyError(answer.body)}`;

function bodyError(body: unknown): string {
  const b = (body ?? {}) as { error?: unknown; reason?: unknown };
  return typeof b.error === 'string'
    ? ` ${b.error}${typeof b.reason === 'string' ? ` (${b.reason})` : ''}`
    : '';
}

/** The kit's answer to a request on a session an administrator revoked. */
export function refusedAsRevoked(answer: Answer): boolean {
  const body = (answer.status === 401 ? answer.body : null) as { error?: unknown; reason?: unknown } | null;
  return body?.error === 'session_ended' && body.reason === 'revoked';
}
