import type { SessionKit } from '@sessionkit/server-plugin';
import { TENANT, USER_AGENTS, ipOf } from '../people.js';
import type { SeedResult } from '../protocol.js';

export interface SeedPlan {
  /** Sessions to open. */
  count: number;
  /** Whose the k-th session is. */
  userOf: (k: number) => string;
  /** Stop importing after this long; the result says how far it got. */
  budgetMs: number;
  onProgress?: (sessions: number, ms: number) => void;
}

/**
 * Sessions handed to one `importSessions` call: big enough to batch (the Mongo store writes one insert per
 * partition and call, and splits a new FerretDB database 128 ways), small enough to watch the budget.
 */
export const SEED_CHUNK = 20_000;
/** Imported sessions are spread over the last hours, a few milliseconds apart, as real logins would be. */
const SPACING_MS = 40;

/**
 * Seeds sessions through the kit's documented bulk path, `kit.importSessions`: signed in as they are, no
 * login each. The one seeding function of the bench.
 */
export async function seedSessions(
  kit: Pick<SessionKit, 'importSessions'>,
  plan: SeedPlan,
): Promise<SeedResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const now = Date.now();
  let done = 0;
  let lastReport = 0;
  const users = new Set<string>();
  while (done < plan.count && elapsed() < plan.budgetMs) {
    const chunk = Array.from({ length: Math.min(SEED_CHUNK, plan.count - done) }, (_, i) => {
      const k = done + i;
      const createdAt = new Date(now - (plan.count - k) * SPACING_MS);
      // Each seen a little after it was opened, so that no two people share a last-active time.
      const lastSeenAt = new Date(createdAt.getTime() + ((k * 7919) % (plan.count - k || 1)) * SPACING_MS);
      return {
        tenantId: TENANT,
        userId: plan.userOf(k),
        ip: ipOf(k),
        userAgent: USER_AGENTS[k % USER_AGENTS.length]!,
        kind: 'browser' as const,
        createdAt,
        lastSeenAt,
      };
    });
    await kit.importSessions(chunk);
    for (const s of chunk) users.add(s.userId);
    done += chunk.length;
    if (plan.onProgress && elapsed() - lastReport > 5000) {
      lastReport = elapsed();
      plan.onProgress(done, lastReport);
    }
  }
  return {
    users: users.size,
    sessions: done,
    ms: elapsed(),
    stoppedBy: done < plan.count ? 'budget' : 'done',
  };
}
