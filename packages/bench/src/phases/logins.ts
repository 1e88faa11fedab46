import { ServerChild } from '../child.js';
import type { Database } from '../database.js';
import type { BenchConfig } from '../config.js';
import { missing, withDeadline } from '../deadline.js';
import { JSON_HEADERS, bearer, request } from '../http.js';
import { load } from '../load.js';
import type { LoadResult } from '../load.js';
import { personId } from '../people.js';
import type { LimitStrategy } from '../protocol.js';
import { num } from '../stats.js';
import { START_SECONDS, measure, perRequest, settleSeconds } from './hotPath.js';

export const STORM_SIZE = 50;
export const STORM_MAX = 2;
/** Other people signed in (one session each) while the storm runs. */
const STORM_OTHER_PEOPLE = 500;

export interface StormResult {
  strategy: LimitStrategy;
  wallSeconds: number;
  ok: number;
  refused: number;
  /** Answers other than 200 and 409 (their statuses). */
  other: string[];
  unanswered: number;
  /** Active sessions of the person once every login answered (or the deadline passed). */
  active: number | null;
  /** Every surviving session was handed to a request that got its 200. */
  survivorsAnswered: boolean | null;
  trouble: string | null;
}

/**
 * 50 logins of one person at once under a limit of 2, once per strategy, each on a fresh server with the run's
 * other sessions: logins a deadline gave up on keep running, and must not slow the next measurement.
 */
export async function runLoginStorms(
  store: 'memory' | 'database',
  config: BenchConfig,
  database: Database,
  log: (line: string) => void,
): Promise<StormResult[]> {
  const out: StormResult[] = [];
  for (const strategy of ['evict_oldest', 'deny_new'] as const) {
    log(`  ${STORM_SIZE} parallel logins under ${strategy}`);
    const started = await withDeadline(START_SECONDS, (signal) =>
      ServerChild.start(
        {
          contestant: store === 'memory' ? 'kit-memory' : 'kit-mongo',
          ...(store === 'database' ? { uri: database.uriFor(`bench_storm_${strategy}`) } : {}),
          // One session each for the other people: switching the limit on then ends nobody's sessions, and
          // the storm measures logins, not the policy change (whose time the notes report).
          otherSessions: Math.min(config.otherSessions, STORM_OTHER_PEOPLE),
          directoryUsers: 0,
        },
        () => {},
        signal,
      ),
    );
    if (started.status !== 'done') {
      out.push(emptyStorm(strategy, `the server did not start: ${missing(started)}`));
      continue;
    }
    try {
      out.push(await storm(started.value, strategy, config));
    } finally {
      await started.value.stop();
    }
  }
  return out;
}

async function storm(
  server: ServerChild,
  strategy: LimitStrategy,
  config: BenchConfig,
): Promise<StormResult> {
  const userId = `u-storm-${strategy}`;
  const policyStarted = performance.now();
  const limit = await withDeadline(120, () =>
    server.call('setLimit', { enabled: true, max: STORM_MAX, onExceed: strategy }),
  );
  if (limit.status !== 'done') return emptyStorm(strategy, `the policy could not be set: ${missing(limit)}`);
  const policySeconds = (performance.now() - policyStarted) / 1000;
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: STORM_SIZE }, () =>
      request(
        `${server.url}/login`,
        { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ userId }) },
        config.loginTimeoutSeconds,
      ),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  // Logins the deadline gave up on still run on the server: count the survivors once they are done.
  const quiet = await server.settle(settleSeconds(config));
  const okIds = new Set<string>();
  let refused = 0;
  let unanswered = 0;
  const other: string[] = [];
  for (const answer of answers) {
    if (answer.status === 200) okIds.add(String((answer.body as { id?: unknown }).id));
    else if (answer.status === 409) refused += 1;
    else if (answer.status === 'timeout') unanswered += 1;
    else if (answer.status === 'error') other.push(`network error: ${answer.error}`);
    else other.push(`${answer.status} ${errorOf(answer.body)}`);
  }
  const active = await withDeadline(60, () => server.call('activeSessionIds', { userId }));
  const ids = active.status === 'done' ? active.value : null;
  return {
    strategy,
    wallSeconds,
    ok: okIds.size,
    refused,
    other,
    unanswered,
    active: ids ? ids.length : null,
    survivorsAnswered: ids ? ids.every((id) => okIds.has(id)) : null,
    trouble:
      [
        `the limit was switched on in ${policySeconds.toFixed(1)} s (${STORM_OTHER_PEOPLE} other people signed in)`,
        ids ? null : `active sessions unknown: ${missing(active)}`,
        quiet.settled
          ? null
          : `the server was still busy ${Math.round(quiet.seconds)} s after the last answer`,
      ]
        .filter(Boolean)
        .join('; ') || null,
  };
}

function errorOf(body: unknown): string {
  if (!body || typeof body !== 'object') return String(body).slice(0, 80);
  const { error, message } = body as { error?: unknown; message?: unknown };
  return [error, message].filter(Boolean).join(': ').slice(0, 120);
}

function emptyStorm(strategy: LimitStrategy, trouble: string): StormResult {
  return {
    strategy,
    wallSeconds: Number.NaN,
    ok: 0,
    refused: 0,
    other: [],
    unanswered: 0,
    active: null,
    survivorsAnswered: null,
    trouble,
  };
}

export interface ThroughputResult {
  operation: 'login' | 'sign-out' | 'own list';
  load: LoadResult | null;
  perRequest: ReturnType<typeof perRequest> | null;
  trouble: string | null;
}

/** Login, sign-out and the person's own list, each loaded at the hot path's concurrency. */
export async function runThroughput(
  server: ServerChild,
  config: BenchConfig,
  log: (line: string) => void,
): Promise<ThroughputResult[]> {
  const out: ThroughputResult[] = [];
  const measured = async (
    operation: ThroughputResult['operation'],
    run: () => ReturnType<typeof load>,
  ): Promise<ThroughputResult> => {
    log(`  ${operation}`);
    const outcome = await measure(server, run, settleSeconds(config));
    if (outcome.status !== 'done') {
      return { operation, load: null, perRequest: null, trouble: missing(outcome) };
    }
    const { load: result, unsettled } = outcome.value;
    return {
      operation,
      load: result,
      perRequest: perRequest([outcome.value]),
      trouble:
        [result.answered === 0 ? `no answer within ${num(result.seconds)} s` : null, unsettled]
          .filter(Boolean)
          .join('; ') || null,
    };
  };

  let next = 0;
  const login = await measured('login', () =>
    load({
      url: `${server.url}/login`,
      connections: config.connections,
      seconds: config.seconds,
      method: 'POST',
      headers: JSON_HEADERS,
      // A different person each time, as a morning of sign-ins across a team.
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ userId: personId(next++ % 500) }) }),
    }),
  );
  out.push(login);

  // Sign-out needs a live session per request: issue about as many as the run will end.
  const wanted = Math.min(5000, Math.max(20, Math.round((login.load?.rps ?? 10) * config.seconds * 1.2)));
  const issued = await withDeadline(Math.max(120, config.seconds * 20), () =>
    server.call('issue', { userIds: Array.from({ length: wanted }, (_, i) => personId(i % 500)) }),
  );
  if (issued.status === 'done') {
    const secrets = issued.value.map((s) => s.secret);
    let k = 0;
    out.push(
      await measured('sign-out', () =>
        load({
          url: `${server.url}/logout`,
          connections: config.connections,
          amount: secrets.length,
          seconds: config.seconds * 5,
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, ...bearer(secrets[k++ % secrets.length]!) },
          }),
        }),
      ),
    );
  } else {
    out.push({
      operation: 'sign-out',
      load: null,
      perRequest: null,
      trouble: `sessions to end: ${missing(issued)}`,
    });
  }

  out.push(
    await measured('own list', () =>
      load({
        url: `${server.url}/api/sessions/me/sessions`,
        connections: config.connections,
        seconds: config.seconds,
        headers: { cookie: server.cookie },
      }),
    ),
  );
  return out;
}
