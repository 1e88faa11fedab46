import { ServerChild } from '../child.js';
import type { BenchConfig } from '../config.js';
import { CONTESTANTS } from '../contestants.js';
import type { Contestant } from '../contestants.js';
import { missing, withDeadline } from '../deadline.js';
import type { Outcome } from '../deadline.js';
import { load } from '../load.js';
import type { LoadResult } from '../load.js';
import type { ContestantId } from '../protocol.js';
import type { CommandCounts } from '../server/commandCounter.js';
import { emptyCounts } from '../server/commandCounter.js';
import type { Database } from '../database.js';

/** What one load of a server measured: the generator's figures and the server's own counts. */
export interface Measured {
  load: LoadResult;
  counts: CommandCounts;
  /** Requests that reached the server, including those the generator abandoned at the end. */
  requests: number;
  /** Set when the server was still busy with abandoned requests when the bench stopped waiting. */
  unsettled: string | null;
}

export interface RoundSample extends Measured {
  round: number;
}

export interface HotPathResult {
  contestant: Contestant;
  /** Why the contestant has no figures, when it has none (it didn't start, or never answered). */
  trouble: string[];
  samples: RoundSample[];
  startSeconds: number | null;
}

/** How long a contestant may take to seed its store and sign in before it is reported as not started. */
export const START_SECONDS = 900;

/**
 * `GET /me` for every contestant, interleaved: each round loads every contestant once, starting one further
 * along the list each time, so a slow minute of a shared machine lands on all of them rather than one.
 */
export async function runHotPath(
  config: BenchConfig,
  database: Database,
  log: (line: string) => void,
): Promise<{ results: HotPathResult[]; servers: Map<ContestantId, ServerChild> }> {
  const servers = new Map<ContestantId, ServerChild>();
  const results = CONTESTANTS.map((c): HotPathResult => ({
    contestant: c,
    trouble: [],
    samples: [],
    startSeconds: null,
  }));
  for (const result of results) {
    const { id } = result.contestant;
    log(`starting ${id} (${config.otherSessions} other sessions)`);
    const started = await withDeadline(START_SECONDS, (signal) =>
      ServerChild.start(
        {
          contestant: id,
          ...(result.contestant.database ? { uri: database.uriFor(`bench_${id.replace(/-/g, '_')}`) } : {}),
          otherSessions: config.otherSessions,
          directoryUsers: 0,
        },
        (text) => log(`  ${id}: ${text}`),
        signal,
      ),
    );
    if (started.status === 'done') {
      servers.set(id, started.value);
      result.startSeconds = started.ms / 1000;
    } else {
      result.trouble.push(`did not start: ${missing(started)}`);
    }
  }

  const warmup = Math.min(2, config.seconds);
  for (const result of results) {
    const server = servers.get(result.contestant.id);
    if (server) await measure(server, getMe(server, config, warmup), settleSeconds(config));
  }
  for (let round = 0; round < config.rounds; round++) {
    const order = results.map((_, i) => results[(i + round) % results.length]!);
    log(`round ${round + 1} of ${config.rounds}: ${order.map((r) => r.contestant.id).join(', ')}`);
    for (const result of order) {
      const server = servers.get(result.contestant.id);
      if (!server) continue;
      const sample = await measure(server, getMe(server, config, config.seconds), settleSeconds(config));
      if (sample.status === 'done') {
        result.samples.push({ round, ...sample.value });
        if (sample.value.unsettled) result.trouble.push(`round ${round + 1}: ${sample.value.unsettled}`);
      } else {
        result.trouble.push(`round ${round + 1}: ${missing(sample)}`);
      }
    }
  }
  return { results, servers };
}

/** Loads a server, waits for it to finish what the generator abandoned, and takes its counts. */
export async function measure(
  server: ServerChild,
  run: () => Promise<Outcome<LoadResult>>,
  settleSeconds: number,
): Promise<Outcome<Measured>> {
  const quiet = await server.settle(settleSeconds);
  const reset = await withDeadline(10, () => server.call('stats', { reset: true }));
  if (reset.status !== 'done') return reset;
  const outcome = await run();
  if (outcome.status !== 'done') return outcome;
  const after = await server.settle(settleSeconds);
  const stats = await withDeadline(10, () => server.call('stats', { reset: true }));
  const busy = [quiet, after].find((q) => !q.settled);
  return {
    ...outcome,
    value: {
      load: outcome.value,
      counts: stats.status === 'done' ? stats.value.counts : emptyCounts(),
      requests: stats.status === 'done' ? stats.value.requests : outcome.value.answered,
      unsettled: busy ? `the server was still busy after ${Math.round(busy.seconds)} s` : null,
    },
  };
}

export function settleSeconds(config: BenchConfig): number {
  return config.quick ? 20 : 120;
}

function getMe(server: ServerChild, config: BenchConfig, seconds: number) {
  return () =>
    load({
      url: `${server.url}/me`,
      connections: config.connections,
      seconds,
      headers: server.cookie ? { cookie: server.cookie } : {},
    });
}

/** Commands per request that reached the server, over every round of a contestant. */
export function perRequest(samples: readonly Pick<Measured, 'counts' | 'requests'>[]) {
  let arrived = 0;
  const total = emptyCounts();
  for (const { requests, counts } of samples) {
    arrived += requests;
    total.reads += counts.reads;
    total.writes += counts.writes;
    total.readsNotById += counts.readsNotById;
    total.writesNotById += counts.writesNotById;
    for (const [name, n] of Object.entries(counts.byCommand)) {
      total.byCommand[name] = (total.byCommand[name] ?? 0) + n;
    }
    for (const [name, n] of Object.entries(counts.byTarget)) {
      total.byTarget[name] = (total.byTarget[name] ?? 0) + n;
    }
    for (const [name, n] of Object.entries(counts.scans)) total.scans[name] = (total.scans[name] ?? 0) + n;
  }
  const per = (n: number) => (arrived > 0 ? n / arrived : Number.NaN);
  return {
    requests: arrived,
    reads: per(total.reads),
    writes: per(total.writes),
    readsNotById: per(total.readsNotById),
    writesNotById: per(total.writesNotById),
    byCommand: Object.fromEntries(Object.entries(total.byCommand).map(([k, n]) => [k, per(n)])),
    byTarget: Object.fromEntries(Object.entries(total.byTarget).map(([k, n]) => [k, per(n)])),
    scans: total.scans,
  };
}
