// `pnpm soak`: the kit on the Mongo store at 80 % of its measured peak for 10 minutes (SOAK_SECONDS), with
// sign-ins, requests and revokes mixed. Prints errors (must be 0), revokes undone (a revoked session answered
// 200 after its revoke was acknowledged; must be 0) and the server's resident-memory growth from a steady-state
// baseline taken after warm-up to the end (target under 5 %).
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServerChild } from './child.js';
import { whole } from './config.js';
import { errorText, missing, withDeadline } from './deadline.js';
import type { Database } from './database.js';
import { startDatabase } from './database.js';
import { JSON_HEADERS, bearer, request } from './http.js';
import type { Answer } from './http.js';
import { load } from './load.js';
import { ADMIN_USER, personId } from './people.js';
import { median, num } from './stats.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const env = process.env;
const SECONDS = whole(env, 'SOAK_SECONDS', 600, 10, 86_400);
const CLIENTS = whole(env, 'SOAK_CLIENTS', 10, 1, 1000);
// The kit's touch interval (its default, 60 s, unless SOAK_TOUCH_MS says otherwise). Each session is revoked
// once it is that old, give or take 10 %: just when its requests start writing last-seen, the write that issue 8
// found undoing revokes on FerretDB.
const TOUCH_MS = whole(env, 'SOAK_TOUCH_MS', 60_000, 1000, 3_600_000);
const PEAK = whole(env, 'SOAK_PEAK_RPS', 0, 0, 1_000_000);
const REQUEST_SECONDS = 10;
// A session refused as revoked is asked once more this long after: the refusal proves the end happened, so any
// 200 later means something brought it back, such as a write still in flight when the end was written (the
// old store's touch).
const RECHECK_MS = 5000;
/** Below this share of the target rate the soak did not run at 80 % of the peak, whatever else it found. */
const HELD_MIN = 0.9;

/**
 * Memory is judged on samples taken after a full collection, in three spans. Warm-up: until every client's
 * first session has been revoked and replaced (about 2.1 touch intervals), so sign-ins, touches, revokes and
 * the kit's caches have all started; at least a tenth of the run, at most a third. Baseline: the median of
 * the next window's samples. End: the median of the last window's samples, the sample after the load stopped
 * included. A window is a minute, or a sixth of a short run.
 */
const WARMUP_SECONDS = Math.min(SECONDS / 3, Math.max(SECONDS / 10, (2.1 * TOUCH_MS) / 1000));
const WINDOW_SECONDS = Math.min(60, SECONDS / 6);
const SAMPLE_SECONDS = Math.min(10, WINDOW_SECONDS / 3);

type RevokeState =
  /** No revoke of the current session yet. */
  | 'no'
  /** The administrator's revoke is on its way: a refusal may already come, a 200 proves nothing. */
  | 'pending'
  /** The revoke answered 200: from now on only a refusal is right. */
  | 'done'
  /** The revoke got no answer: it may or may not have happened, so neither answer proves anything. */
  | 'unknown';

interface Client {
  index: number;
  cookie: string;
  sessionId: string | null;
  /** When the administrator revokes the current session. */
  revokeAt: number;
  /** The current session's revoke: a new object at each sign-in, so a late answer lands on its own session. */
  revoke: { state: RevokeState };
}

interface MemorySample {
  /** Seconds since the load started. */
  at: number;
  rss: number;
  heapUsed: number;
}

const tally = {
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

function error(kind: string): void {
  tally.errors += 1;
  count(tally.errorKinds, kind);
}

function undone(kind: string): void {
  tally.undone += 1;
  count(tally.undoneKinds, kind);
}

const kinds = (map: Map<string, number>) => [...map].map(([k, n]) => `${k} ×${n}`).join('; ');

const describe = (answer: Answer) =>
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
function refusedAsRevoked(answer: Answer): boolean {
  const body = (answer.status === 401 ? answer.body : null) as { error?: unknown; reason?: unknown } | null;
  return body?.error === 'session_ended' && body.reason === 'revoked';
}

/** Spaces operations evenly at `rate` a second across every client; a late client does not catch up. */
function pacer(rate: number) {
  let next = performance.now();
  return async () => {
    const now = performance.now();
    next = Math.max(next + 1000 / rate, now);
    if (next > now) await sleep(next - now);
  };
}

async function signIn(url: string, client: Client): Promise<void> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ userId: personId(client.index % 500) }),
    signal: AbortSignal.timeout(REQUEST_SECONDS * 1000),
  }).catch((e: unknown) => e as Error);
  tally.signIns += 1;
  client.sessionId = null;
  if (response instanceof Error || !response.ok) {
    error(`sign-in: ${response instanceof Error ? response.message : `status ${response.status}`}`);
    return;
  }
  const body = (await response.json()) as { id?: unknown };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  if (typeof body.id !== 'string' || !cookie) {
    error('sign-in: 200 without a session id and cookie');
    return;
  }
  client.cookie = cookie;
  client.sessionId = body.id;
  client.revoke = { state: 'no' };
  client.revokeAt = performance.now() + TOUCH_MS * (1 + Math.random() * 0.1);
}

/** Least-squares slope of `y` over `x`. */
function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

const mb = (bytes: number) => `${num(bytes / 1024 ** 2)} MB`;
const load1 = () => num(loadavg()[0]!);
const percent = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${num(x * 100)} %` : '?');

async function main(): Promise<void> {
  say(
    `pnpm soak: ${SECONDS} s, ${CLIENTS} clients, the kit's touch interval ${TOUCH_MS} ms; load average ${loadavg()
      .map((x) => num(x))
      .join(' / ')} (1 / 5 / 15 min) on ${availableParallelism()} cores`,
  );
  if (SECONDS * 1000 < 2.2 * TOUCH_MS) {
    say(
      `  note: sessions are revoked once they are a touch interval old; ${SECONDS} s is too short for that`,
    );
  }
  const db = await withDeadline(900, () => startDatabase((line) => say(line)));
  if (db.status !== 'done') throw new Error(`database: ${missing(db)}`);
  const database: Database = db.value;
  let server: ServerChild | null = null;
  try {
    const started = await withDeadline(900, (signal) =>
      ServerChild.start(
        {
          contestant: 'kit-mongo',
          uri: database.uriFor('bench_soak'),
          otherSessions: 2000,
          directoryUsers: 0,
          touchIntervalMs: TOUCH_MS,
        },
        (text) => say(`  ${text}`),
        signal,
      ),
    );
    if (started.status !== 'done') throw new Error(`the kit server: ${missing(started)}`);
    server = started.value;
    const url = server.url;

    let peak = PEAK;
    if (!peak) {
      say('measuring the peak: GET /me, 10 s at 10 connections');
      const measured = await load({
        url: `${url}/me`,
        connections: 10,
        seconds: 10,
        headers: { cookie: server.cookie },
      });
      if (measured.status !== 'done') throw new Error(`peak: ${missing(measured)}`);
      peak = measured.value.rps;
    }
    const rate = Math.max(1, peak * 0.8);
    say(`peak ${num(peak)} req/s; soaking at ${num(rate)} operations/s (80 %); load average ${load1()}`);
    say(
      `memory: warm-up ${num(WARMUP_SECONDS)} s, baseline = median of ${num(WARMUP_SECONDS)}–${num(WARMUP_SECONDS + WINDOW_SECONDS)} s, end = median of the last ${num(WINDOW_SECONDS)} s; a sample after gc() every ${num(SAMPLE_SECONDS)} s`,
    );

    const admin = await server.call('issue', { userIds: [ADMIN_USER] });
    const adminHeaders = { ...bearer(admin[0]!.secret), ...JSON_HEADERS };
    const clients: Client[] = Array.from({ length: CLIENTS }, (_, index) => ({
      index,
      cookie: '',
      sessionId: null,
      revokeAt: Number.POSITIVE_INFINITY,
      revoke: { state: 'no' },
    }));
    for (const client of clients) {
      await signIn(url, client);
      // Spread the first revokes over one more interval, so they don't all land in the same second.
      client.revokeAt += (TOUCH_MS * client.index) / CLIENTS;
    }

    const pace = pacer(rate);
    const startedAt = performance.now();
    const stopAt = startedAt + SECONDS * 1000;
    const elapsed = () => (performance.now() - startedAt) / 1000;
    const memory: MemorySample[] = [];
    const sampleMemory = async () => {
      const { rss, heapUsed } = await server!.call('gc', {});
      memory.push({ at: elapsed(), rss, heapUsed });
    };
    const rechecks: { cookie: string; at: number }[] = [];
    const latencies: number[] = [];

    const revoke = async (victim: Client) => {
      const id = victim.sessionId;
      if (!id) return;
      const record = victim.revoke;
      tally.revokes += 1;
      record.state = 'pending';
      const answer = await request(
        `${url}/api/sessions/admin/sessions/${id}`,
        { method: 'DELETE', headers: adminHeaders, body: '{}' },
        REQUEST_SECONDS,
      );
      const ended = answer.status === 200 ? (answer.body as { status?: unknown; endReason?: unknown }) : null;
      if (ended?.status === 'ended' && ended.endReason === 'revoked') {
        tally.revokesAnswered += 1;
        record.state = 'done';
        return;
      }
      error(`revoke: ${ended ? `200 with status ${String(ended.status)}` : describe(answer)}`);
      // A refused revoke did nothing; one without an answer may still have happened.
      record.state = typeof answer.status === 'number' && !ended ? 'no' : 'unknown';
    };

    // The administrator: revokes each session when it comes of age, while its owner's requests keep coming.
    const adminLoop = async () => {
      while (performance.now() < stopAt) {
        const due = clients.find(
          (c) => c.sessionId && c.revoke.state === 'no' && c.revokeAt <= performance.now(),
        );
        if (due) {
          due.revokeAt = Number.POSITIVE_INFINITY;
          await revoke(due);
        } else {
          await sleep(100);
        }
      }
    };

    const clientLoop = async (client: Client) => {
      while (performance.now() < stopAt) {
        await pace();
        if (!client.sessionId) {
          await signIn(url, client);
          continue;
        }
        const { cookie, revoke } = client;
        const before = revoke.state;
        const answer = await request(`${url}/me`, { headers: { cookie } }, REQUEST_SECONDS);
        tally.requests += 1;
        if (typeof answer.status === 'number') latencies.push(answer.ms);
        if (answer.status === 200) {
          if (before === 'done') {
            undone('answered 200 on the next request');
            client.sessionId = null;
          }
          continue;
        }
        // The revoke as it is now: one sent while this request was on its way may be what refused it.
        if (refusedAsRevoked(answer) && revoke.state !== 'no') {
          tally.refused += 1;
          if (revoke.state === 'pending') tally.refusedEarly += 1;
          rechecks.push({ cookie, at: performance.now() + RECHECK_MS });
        } else {
          error(`GET /me: ${describe(answer)}${revoke.state === 'no' ? ', no revoke sent' : ''}`);
        }
        // A refused session is gone either way: sign in again on the next turn.
        if (answer.status === 401) client.sessionId = null;
      }
    };

    const recheckLoop = async () => {
      while (performance.now() < stopAt || rechecks.length) {
        const next = rechecks[0];
        if (!next || next.at > performance.now()) {
          await sleep(200);
          continue;
        }
        rechecks.shift();
        const answer = await request(`${url}/me`, { headers: { cookie: next.cookie } }, REQUEST_SECONDS);
        if (answer.status === 200) undone(`answered 200 ${RECHECK_MS / 1000} s after its refusal`);
        else if (refusedAsRevoked(answer)) tally.rechecked += 1;
        else error(`GET /me, revoked session asked again: ${describe(answer)}`);
      }
    };

    const sampler = async () => {
      let lastPrint = 0;
      let lastSample = Number.NEGATIVE_INFINITY;
      while (performance.now() < stopAt) {
        await sleep(Math.min(1000, Math.max(0, stopAt - performance.now())));
        if (elapsed() - lastSample >= SAMPLE_SECONDS && performance.now() < stopAt) {
          lastSample = elapsed();
          await sampleMemory();
        }
        if (elapsed() - lastPrint >= 30) {
          lastPrint = elapsed();
          say(
            `[${Math.round(lastPrint)} s] requests ${tally.requests}, sign-ins ${tally.signIns}, revokes ${tally.revokesAnswered}, refused ${tally.refused}, errors ${tally.errors}, undone ${tally.undone}, rss ${mb(memory.at(-1)?.rss ?? 0)}, load ${load1()}`,
          );
        }
      }
    };

    const finished = await withDeadline(SECONDS + 120, () =>
      Promise.all([...clients.map(clientLoop), adminLoop(), recheckLoop(), sampler()]),
    );
    if (finished.status !== 'done') error(`the soak itself: ${missing(finished)}`);
    const seconds = Math.min(elapsed(), SECONDS);
    await sampleMemory();
    report({ memory, seconds, rate, peak, latencies });
  } finally {
    await server?.stop();
    await database.stop();
  }
}

function report(run: {
  memory: MemorySample[];
  seconds: number;
  rate: number;
  peak: number;
  latencies: number[];
}): void {
  const { memory, seconds, rate, peak, latencies } = run;
  const inBaseline = memory.filter((s) => s.at >= WARMUP_SECONDS && s.at < WARMUP_SECONDS + WINDOW_SECONDS);
  const inEnd = memory.filter((s) => s.at >= seconds - WINDOW_SECONDS);
  const baseline = median(inBaseline.map((s) => s.rss));
  const end = median(inEnd.map((s) => s.rss));
  const growth = (end - baseline) / baseline;
  const heapGrowth =
    (median(inEnd.map((s) => s.heapUsed)) - median(inBaseline.map((s) => s.heapUsed))) /
    median(inBaseline.map((s) => s.heapUsed));
  const trend = slope(memory.filter((s) => s.at >= WARMUP_SECONDS).map((s) => ({ x: s.at / 60, y: s.rss })));
  const held = (tally.requests + tally.signIns) / seconds;

  say('');
  say(
    `soak: ${num(seconds)} s, ${CLIENTS} clients, target ${num(rate)} operations/s (80 % of ${num(peak)} req/s)`,
  );
  say(
    `held ${num(held)} operations/s (${num((held / rate) * 100)} % of the target): requests ${tally.requests}, sign-ins ${tally.signIns}, revokes ${tally.revokes} (${tally.revokesAnswered} answered 200)`,
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  say(
    `GET /me latency: p50 ${num(median(sorted))} ms, p99 ${num(sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN)} ms`,
  );
  say(`errors: ${tally.errors}${tally.errors ? ` — ${kinds(tally.errorKinds)}` : ''}`);
  say(
    `revokes undone: ${tally.undone} of ${tally.revokesAnswered}${tally.undone ? ` — ${kinds(tally.undoneKinds)}` : ''}; refused as revoked on the next request ${tally.refused} (${tally.refusedEarly} of them before the revoke's answer came back), and again ${RECHECK_MS / 1000} s later ${tally.rechecked}`,
  );
  say(
    `resident memory of the server after gc(): baseline ${mb(baseline)} (median of ${inBaseline.length} samples at ${num(WARMUP_SECONDS)}–${num(WARMUP_SECONDS + WINDOW_SECONDS)} s) → end ${mb(end)} (median of ${inEnd.length} samples in the last ${num(WINDOW_SECONDS)} s): ${percent(growth)}; trend after warm-up ${Number.isFinite(trend) ? `${trend >= 0 ? '+' : ''}${num(trend / 1024 ** 2)} MB/min` : '?'}; all samples ${memory.length ? `${mb(Math.min(...memory.map((s) => s.rss)))}–${mb(Math.max(...memory.map((s) => s.rss)))}` : '–'}; live heap ${percent(heapGrowth)}`,
  );
  say(
    `load average at the end: ${loadavg()
      .map((x) => num(x))
      .join(' / ')} (1 / 5 / 15 min)`,
  );
  const failed = [
    tally.errors > 0 && 'errors above 0',
    tally.undone > 0 && 'revokes undone',
    tally.revokesAnswered === 0 && 'no revoke was tested (run longer than 2.2 touch intervals)',
    !(growth < 0.05) && (Number.isFinite(growth) ? 'memory grew 5 % or more' : 'memory not measured'),
    held < HELD_MIN * rate && `the rate was not held (under ${HELD_MIN * 100} % of the target)`,
  ].filter(Boolean);
  say(
    failed.length
      ? `NOT MET: ${failed.join(', ')}`
      : 'all targets met (0 errors, 0 revokes undone, memory growth under 5 %, the rate held)',
  );
  process.exitCode = failed.length ? 1 : 0;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    process.stderr.write(`pnpm soak: ${errorText(e)}\n`);
    process.exit(1);
  },
);
