import { SYSTEM_ACTOR } from './audit.js';
import type { Clock } from './clock.js';
import { DAY } from './clock.js';
import type { Endings } from './endings.js';
import type { SessionPolicy } from './policy.js';
import { idleTimeoutMs, lifetimeMs } from './policy.js';
import { accountPart, effectivePolicy } from './rolePolicies.js';
import type { SessionStore } from './store.js';
import type { Suspensions } from './suspension.js';

const SWEEP_BATCH = 500;

export interface SweepDeps {
  store: SessionStore;
  clock: Clock;
  suspensions: Suspensions;
  endings: Endings;
  /** The tenant's policy, read fresh. */
  getPolicy(tenantId: string): Promise<SessionPolicy>;
  /** Each person's effective policy, their roles' overrides weighed. */
  policiesFor(tenantId: string, userIds: string[]): Promise<Map<string, SessionPolicy>>;
}

/** One pass of the sweeper over every tenant: lapsed sessions ended, ended ones past retention removed. */
export async function sweepStore(d: SweepDeps): Promise<{ ended: number; removed: number }> {
  let ended = 0;
  let removed = 0;
  for (const tenantId of await d.store.listTenantIds()) {
    await d.suspensions.lapseDue(tenantId);
    const policy = await d.getPolicy(tenantId);
    const now = d.clock.now().getTime();
    // The loosest bounds that still catch the strictest rules: the account's and every role's. Each
    // candidate is then judged by its owner's own policy.
    const rules = [
      accountPart(policy),
      ...Object.keys(policy.roles ?? {}).map((role) => effectivePolicy(policy, [role]).policy),
    ];
    const idles = rules.map(idleTimeoutMs).filter((ms): ms is number => ms !== null);
    const bounds = {
      idleBefore: idles.length === 0 ? null : new Date(now - Math.min(...idles)),
      // The shorter lifetime: the caller re-checks each candidate against its own (remembered or not).
      createdBefore: new Date(
        now - Math.min(...rules.flatMap((p) => [lifetimeMs(p, false), lifetimeMs(p, true)])),
      ),
    };
    // In batches by index, never a full read: each batch ends what it finds, so the next finds the rest.
    for (;;) {
      const batch = await d.store.listLapseCandidates(tenantId, bounds, SWEEP_BATCH);
      const owners = await d.policiesFor(tenantId, [...new Set(batch.map((s) => s.userId))]);
      let progressed = 0;
      for (const s of batch) {
        const lapse = await d.suspensions.lapseNow(s, owners.get(s.userId) ?? policy);
        if (lapse && (await d.endings.end(s, lapse, SYSTEM_ACTOR))) ended++;
        if (lapse) progressed++;
      }
      if (batch.length < SWEEP_BATCH || progressed === 0) break;
    }
    const cutoff = new Date(now - policy.retention.endedSessionDays * DAY);
    removed += await d.store.deleteEndedSessions(tenantId, cutoff);
  }
  return { ended, removed };
}
