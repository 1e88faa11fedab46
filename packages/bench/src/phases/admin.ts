import { ServerChild } from '../child.js';
import type { BenchConfig } from '../config.js';
import { ADMIN_TARGET } from '../config.js';
import { missing, withDeadline } from '../deadline.js';
import type { Database } from '../database.js';
import { JSON_HEADERS, bearer, request } from '../http.js';
import { ADMIN_USER, FORCE_USER, personName } from '../people.js';
import type { SeedResult } from '../protocol.js';
import { median } from '../stats.js';

export const SESSIONS_PER_USER = ADMIN_TARGET.sessions / ADMIN_TARGET.users;
export const FORCE_LOGOUT_SESSIONS = 50;

export interface ViewResult {
  view: string;
  path: string;
  /** Median of the answered requests. */
  medianMs: number | null;
  samples: number[];
  trouble: string | null;
}

export interface AdminResult {
  store: 'memory' | 'database';
  targetUsers: number;
  seed: SeedResult | null;
  budgetSeconds: number;
  views: ViewResult[];
  forceLogout: { ms: number; ended: number; activeAfter: number | null } | null;
  trouble: string[];
}

/**
 * The admin views at scale on one store: seed people and sessions (within a time budget), then open each
 * view several times as an administrator and take the median; then force a person with 50 sessions out.
 */
export async function runAdminScale(
  store: 'memory' | 'database',
  config: BenchConfig,
  database: Database | null,
  log: (line: string) => void,
): Promise<AdminResult> {
  const targetUsers = Math.max(1, Math.round(ADMIN_TARGET.users * config.scale));
  const budgetSeconds = store === 'memory' ? config.memorySeedSeconds : config.databaseSeedSeconds;
  const result: AdminResult = {
    store,
    targetUsers,
    seed: null,
    budgetSeconds,
    views: [],
    forceLogout: null,
    trouble: [],
  };
  const started = await withDeadline(300, (signal) =>
    ServerChild.start(
      {
        contestant: store === 'memory' ? 'kit-memory' : 'kit-mongo',
        ...(store === 'database' && database ? { uri: database.uriFor('bench_admin') } : {}),
        otherSessions: 0,
        directoryUsers: targetUsers,
      },
      (text) => log(`  ${text}`),
      signal,
    ),
  );
  if (started.status !== 'done') {
    result.trouble.push(`server did not start: ${missing(started)}`);
    return result;
  }
  const server = started.value;
  try {
    log(`  seeding up to ${targetUsers} people × ${SESSIONS_PER_USER} sessions within ${budgetSeconds} s`);
    const seeded = await withDeadline(budgetSeconds + 120, () =>
      server.call('seedAdminScale', {
        users: targetUsers,
        sessionsPerUser: SESSIONS_PER_USER,
        budgetMs: budgetSeconds * 1000,
      }),
    );
    if (seeded.status !== 'done') {
      result.trouble.push(`seeding: ${missing(seeded)}`);
      return result;
    }
    result.seed = seeded.value;
    log(
      `  seeded ${seeded.value.sessions} sessions of ${seeded.value.users} people in ${Math.round(seeded.value.ms / 1000)} s`,
    );

    const admin = await withDeadline(60, () => server.call('issue', { userIds: [ADMIN_USER] }));
    if (admin.status !== 'done') {
      result.trouble.push(`administrator's session: ${missing(admin)}`);
      return result;
    }
    const headers = bearer(admin.value[0]!.secret);
    const someone = personName(Math.floor(Math.max(0, seeded.value.users - 1) / 2));
    const views: [string, string][] = [
      ['summary cards', '/admin/summary'],
      ['team view, first page', '/admin/users?_start=0&_end=25'],
      ['team view filtered by a name', `/admin/users?q=${encodeURIComponent(someone)}&_start=0&_end=25`],
      ['session list, first page', '/admin/sessions?_start=0&_end=25'],
    ];
    for (const [view, path] of views) {
      log(`  ${view}`);
      result.views.push(await timeView(server, view, path, headers, config));
    }

    log(`  force logout of a person with ${FORCE_LOGOUT_SESSIONS} sessions`);
    const victim = FORCE_USER;
    const issued = await withDeadline(300, () =>
      server.call('issue', { userIds: Array.from({ length: FORCE_LOGOUT_SESSIONS }, () => victim) }),
    );
    if (issued.status !== 'done') {
      result.trouble.push(`force logout: sessions not issued: ${missing(issued)}`);
      return result;
    }
    const answer = await request(
      `${server.url}/api/sessions/admin/users/${victim}/force-logout`,
      { method: 'POST', headers: { ...headers, ...JSON_HEADERS }, body: JSON.stringify({ reason: 'bench' }) },
      config.viewTimeoutSeconds,
    );
    if (answer.status !== 200) {
      result.trouble.push(
        `force logout: ${answer.status === 'timeout' ? `no answer within ${answer.seconds} s` : answer.status === 'error' ? answer.error : `status ${answer.status}`}`,
      );
      return result;
    }
    const after = await withDeadline(60, () => server.call('activeSessionIds', { userId: victim }));
    result.forceLogout = {
      ms: answer.ms,
      ended: Number((answer.body as { ended?: unknown }).ended),
      activeAfter: after.status === 'done' ? after.value.length : null,
    };
    const { ended, activeAfter } = result.forceLogout;
    if (ended !== FORCE_LOGOUT_SESSIONS || activeAfter !== 0) {
      result.trouble.push(
        `force logout: answered ${ended} ended and left ${activeAfter ?? 'an unknown number of'} active, expected ${FORCE_LOGOUT_SESSIONS} and 0`,
      );
    }
    return result;
  } finally {
    await server.stop();
  }
}

async function timeView(
  server: ServerChild,
  view: string,
  path: string,
  headers: Record<string, string>,
  config: BenchConfig,
): Promise<ViewResult> {
  const samples: number[] = [];
  let spent = 0;
  // A slow view gets fewer samples: once it has taken the per-request limit in all, its median stands.
  for (let i = 0; i < config.samples && spent < config.viewTimeoutSeconds * 1000; i++) {
    const answer = await request(`${server.url}/api/sessions${path}`, { headers }, config.viewTimeoutSeconds);
    spent += answer.ms;
    if (answer.status === 200) {
      samples.push(answer.ms);
      continue;
    }
    // A view that didn't answer once would only queue more work behind itself: stop asking.
    const trouble =
      answer.status === 'timeout'
        ? `no answer within ${answer.seconds} s`
        : answer.status === 'error'
          ? answer.error
          : `status ${answer.status}`;
    return { view, path, medianMs: samples.length ? median(samples) : null, samples, trouble };
  }
  return { view, path, medianMs: median(samples), samples, trouble: null };
}
