import type { SessionService } from '@sessionkit/core';
import { TENANT, USER_AGENTS, ipOf } from '../people.js';
import type { SeedResult } from '../protocol.js';

export interface SeedPlan {
  /** Sessions to open. */
  count: number;
  /** Whose the k-th session is. */
  userOf: (k: number) => string;
  /** Stop opening sessions after this long; the result says how far it got. */
  budgetMs: number;
  /** Logins in flight at once: overlaps database round trips on the Mongo store. */
  concurrency?: number;
  onProgress?: (sessions: number, ms: number) => void;
}

/**
 * Seeds sessions through the fastest path the kit documents today: `service.issue`, one login each, with the
 * limit off. Kept as the one seeding function of the bench so a bulk import API can replace it here alone.
 */
export async function seedSessions(service: SessionService, plan: SeedPlan): Promise<SeedResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let next = 0;
  let done = 0;
  let lastReport = 0;
  const users = new Set<string>();
  const lane = async () => {
    while (next < plan.count && elapsed() < plan.budgetMs) {
      const k = next++;
      const userId = plan.userOf(k);
      await service.issue({
        tenantId: TENANT,
        userId,
        ip: ipOf(k),
        userAgent: USER_AGENTS[k % USER_AGENTS.length]!,
        kind: 'browser',
      });
      users.add(userId);
      done += 1;
      if (plan.onProgress && elapsed() - lastReport > 5000) {
        lastReport = elapsed();
        plan.onProgress(done, lastReport);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, plan.concurrency ?? 4) }, lane));
  return {
    users: users.size,
    sessions: done,
    ms: elapsed(),
    stoppedBy: done < plan.count ? 'budget' : 'done',
  };
}
