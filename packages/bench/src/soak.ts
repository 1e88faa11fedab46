// `pnpm soak`: the kit on the Mongo store at 80 % of its measured peak for 10 minutes (SOAK_SECONDS), with
// sign-ins, requests and revokes mixed. Prints errors (must be 0), revokes undone (a revoked session answered
// 200 after its revoke was acknowledged; must be 0) and the server's resident-memory growth from a steady-state
// baseline taken after warm-up to the end (target under 5 %).
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServerChild } from './child.js';
import { errorText, missing, withDeadline } from './deadline.js';
import type { Database } from './database.js';
import { startDatabase } from './database.js';
import { JSON_HEADERS, bearer, request } from './http.js';
import { load } from './load.js';
import { ADMIN_USER, personId } from './people.js';
import { num } from './stats.js';
import { load1, mb, say } from './soak/print.js';
import {
  CLIENTS,
  PEAK,
  RECHECK_MS,
  REQUEST_SECONDS,
  SAMPLE_SECONDS,
  SECONDS,
  TOUCH_MS,
  WARMUP_SECONDS,
  WINDOW_SECONDS,
} from './soak/settings.js';
import type { MemorySample } from './soak/summary.js';
import { printSummary } from './soak/summary.js';
import { describe, error, refusedAsRevoked, tally, undone } from './soak/tally.js';

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
    printSummary({ memory, seconds, rate, peak, latencies });
  } finally {
    await server?.stop();
    await database.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    process.stderr.write(`pnpm soak: ${errorText(e)}\n`);
    process.exit(1);
  },
);
