// `pnpm soak`: the kit on the Mongo store at 80 % of its measured peak for 10 minutes (SOAK_SECONDS), with
// sign-ins, requests and revokes mixed. Prints errors (must be 0), revokes undone (a revoked session's next
// request answered 200; must be 0) and the server's resident-memory growth (target under 5 %).
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
import { num } from './stats.js';

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

interface Client {
  index: number;
  cookie: string;
  sessionId: string | null;
  /** When the administrator revokes the current session. */
  revokeAt: number;
  /**
   * `done` once the administrator's revoke of the current session answered 200; `unknown` when it got no answer
   * (it may still have happened, so neither a 401 nor a 200 proves anything after it).
   */
  revoked: 'no' | 'done' | 'unknown';
}

const tally = {
  requests: 0,
  signIns: 0,
  revokes: 0,
  revokesAnswered: 0,
  undone: 0,
  errors: 0,
  errorKinds: new Map<string, number>(),
};

function error(kind: string): void {
  tally.errors += 1;
  tally.errorKinds.set(kind, (tally.errorKinds.get(kind) ?? 0) + 1);
}

const describe = (answer: Answer) =>
  answer.status === 'timeout'
    ? `no answer within ${answer.seconds} s`
    : answer.status === 'error'
      ? `network: ${answer.error}`
      : `status ${answer.status}`;

/** Spaces operations evenly at `rate` a second across every client. */
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
  if (response instanceof Error || !response.ok) {
    error(`sign-in: ${response instanceof Error ? response.message : `status ${response.status}`}`);
    client.sessionId = null;
    return;
  }
  const body = (await response.json()) as { id: string };
  client.cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  client.sessionId = body.id;
  client.revoked = 'no';
  client.revokeAt = performance.now() + TOUCH_MS * (1 + Math.random() * 0.1);
}

async function main(): Promise<void> {
  say(`pnpm soak: ${SECONDS} s, ${CLIENTS} clients, the kit's touch interval ${TOUCH_MS} ms`);
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
    say(`peak ${num(peak)} req/s; soaking at ${num(rate)} operations/s (80 %)`);

    const admin = await server.call('issue', { userIds: [ADMIN_USER] });
    const adminHeaders = { ...bearer(admin[0]!.secret), ...JSON_HEADERS };
    const clients: Client[] = Array.from({ length: CLIENTS }, (_, index) => ({
      index,
      cookie: '',
      sessionId: null,
      revokeAt: Number.POSITIVE_INFINITY,
      revoked: 'no',
    }));
    for (const client of clients) {
      await signIn(url, client);
      // Spread the first revokes over one more interval, so they don't all land in the same second.
      client.revokeAt += (TOUCH_MS * client.index) / CLIENTS;
    }

    const pace = pacer(rate);
    const warmupSeconds = Math.min(60, SECONDS / 10);
    const startedAt = performance.now();
    const stopAt = startedAt + SECONDS * 1000;
    let rssAfterWarmup: number | null = null;
    const rssSamples: number[] = [];

    const revoke = async (victim: Client) => {
      const id = victim.sessionId;
      if (!id) return;
      tally.revokes += 1;
      const answer = await request(
        `${url}/api/sessions/admin/sessions/${id}`,
        { method: 'DELETE', headers: adminHeaders, body: '{}' },
        REQUEST_SECONDS,
      );
      if (answer.status === 200) {
        tally.revokesAnswered += 1;
        // Only if the person is still on that session: a later sign-in must not be judged by this revoke.
        if (victim.sessionId === id) victim.revoked = 'done';
      } else {
        error(`revoke: ${describe(answer)}`);
        if (victim.sessionId === id && typeof answer.status !== 'number') victim.revoked = 'unknown';
      }
    };

    // The administrator: revokes each session when it comes of age, while its owner's requests keep coming.
    const adminLoop = async () => {
      while (performance.now() < stopAt) {
        const due = clients.find((c) => c.sessionId && c.revoked === 'no' && c.revokeAt <= performance.now());
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
        const revokedBefore = client.revoked;
        const answer = await request(`${url}/me`, { headers: { cookie: client.cookie } }, REQUEST_SECONDS);
        tally.requests += 1;
        if (answer.status === 200) {
          if (revokedBefore === 'done') {
            tally.undone += 1;
            client.sessionId = null;
          }
        } else if (answer.status === 401 && client.revoked !== 'no') {
          // The revoke held: sign in again on the next turn.
          client.sessionId = null;
        } else {
          error(`GET /me: ${describe(answer)}${answer.status === 401 ? ' (no revoke)' : ''}`);
          if (answer.status === 401) client.sessionId = null;
        }
      }
    };

    const sampler = (async () => {
      let lastPrint = startedAt;
      while (performance.now() < stopAt) {
        await sleep(Math.min(5000, Math.max(0, stopAt - performance.now())));
        const elapsed = (performance.now() - startedAt) / 1000;
        if (rssAfterWarmup === null && elapsed >= warmupSeconds) {
          rssAfterWarmup = (await server!.call('gc', {})).rss;
        }
        rssSamples.push((await server!.call('stats', { reset: false })).rss);
        if (performance.now() - lastPrint >= 30_000) {
          lastPrint = performance.now();
          say(
            `[${Math.round(elapsed)} s] requests ${tally.requests}, sign-ins ${tally.signIns}, revokes ${tally.revokesAnswered}, errors ${tally.errors}, undone ${tally.undone}, rss ${mb(rssSamples.at(-1)!)}`,
          );
        }
      }
    })();

    const finished = await withDeadline(SECONDS + 120, () =>
      Promise.all([...clients.map(clientLoop), adminLoop(), sampler]),
    );
    if (finished.status !== 'done') error(`the soak itself: ${missing(finished)}`);
    const rssEnd = (await server.call('gc', {})).rss;
    const seconds = (performance.now() - startedAt) / 1000;
    const growth = rssAfterWarmup ? (rssEnd - rssAfterWarmup) / rssAfterWarmup : Number.NaN;

    say('');
    say(
      `soak: ${num(seconds)} s at ${num(rate)} operations/s (80 % of ${num(peak)} req/s), ${CLIENTS} clients`,
    );
    say(
      `requests ${tally.requests} (${num(tally.requests / seconds)}/s), sign-ins ${tally.signIns}, revokes ${tally.revokes} (${tally.revokesAnswered} answered 200)`,
    );
    say(
      `errors: ${tally.errors}${tally.errors ? ` — ${[...tally.errorKinds].map(([k, n]) => `${k} ×${n}`).join('; ')}` : ''}`,
    );
    say(`revokes undone: ${tally.undone} of ${tally.revokesAnswered}`);
    say(
      `resident memory of the server: ${rssAfterWarmup ? mb(rssAfterWarmup) : '?'} after ${num(warmupSeconds)} s → ${mb(rssEnd)} at the end (${Number.isFinite(growth) ? `${growth >= 0 ? '+' : ''}${num(growth * 100)} %` : '?'}); samples ${rssSamples.length ? `${mb(Math.min(...rssSamples))}–${mb(Math.max(...rssSamples))}` : '–'}`,
    );
    const failed = [
      tally.errors > 0 && 'errors above 0',
      tally.undone > 0 && 'revokes undone',
      !(growth < 0.05) && 'memory grew 5 % or more',
    ].filter(Boolean);
    say(
      failed.length
        ? `NOT MET: ${failed.join(', ')}`
        : 'all three targets met (0 errors, 0 undone, growth under 5 %)',
    );
    process.exitCode = failed.length ? 1 : 0;
  } finally {
    await server?.stop();
    await database.stop();
  }
}

const mb = (bytes: number) => `${num(bytes / 1024 ** 2)} MB`;

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    process.stderr.write(`pnpm soak: ${errorText(e)}\n`);
    process.exit(1);
  },
);
