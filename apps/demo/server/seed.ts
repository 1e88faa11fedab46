import type { GeoResolver, SessionStore } from '@sessionkit/core';
import { DAY, HOUR, MINUTE, ManualClock, MemorySessionStore, SessionService } from '@sessionkit/core';
import type { DemoDirectory } from './directory.js';
import { TENANT_ID } from './directory.js';
import { SEED_PLACES } from './geo.js';
import { playBulkForceLogout } from './seedBulk.js';
import { demoCredentials } from './seedCredentials.js';
import { PAGES, SESSIONS, USER_AGENTS } from './seedSessions.js';
import { seedSuspension } from './seedSuspension.js';

export interface SeedOptions {
  store: SessionStore;
  /** The demo's people: the seed also records who deactivated Olivia, as the user page shows it. */
  directory: DemoDirectory;
  geo: GeoResolver;
  policyDefaults: unknown;
  /** "Now" for the seed: the host's clock at start-up. */
  now: Date;
}

export interface SeedSummary {
  sessions: number;
  activeSessions: number;
}

/**
 * Builds the demo account through core's own service, with a clock set back in time, so every document is
 * one the kit itself would have written: labels, places, audit events, slots and all. The history plays on
 * a store in memory (hundreds of logins and requests), then lands in the host's store in bulk: on FerretDB,
 * one write at a time took the demo 40 s to start.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedSummary> {
  const scratch = new MemorySessionStore();
  const summary = await playHistory({ ...options, store: scratch });
  await copyAccount(scratch, options.store);
  // Credentials go through the documented import, which writes in bulk already.
  const service = new SessionService({
    store: options.store,
    clock: new ManualClock(options.now),
    geo: options.geo,
    directory: options.directory,
    policyDefaults: options.policyDefaults,
  });
  await service.importCredentials(demoCredentials(options.now.getTime()));
  await seedSuspension(options);
  return summary;
}

/** Everything the history wrote for the demo account, moved in bulk: sessions, slots, the trail and the policy. */
async function copyAccount(from: MemorySessionStore, to: SessionStore): Promise<void> {
  const { items: sessions } = await from.listSessions({
    tenantId: TENANT_ID,
    sort: { field: 'createdAt', order: 'asc' },
  });
  await to.insertSessions(sessions);
  for (const userId of new Set(sessions.map((s) => s.userId))) {
    for (const holder of await from.listSlots(TENANT_ID, userId)) {
      await to.claimSlot({ tenantId: TENANT_ID, userId, slot: holder.slot }, holder, holder.claimedAt);
    }
  }
  const { items: events } = await from.listAuditEvents({ tenantId: TENANT_ID });
  for (const event of events.reverse()) await to.appendAuditEvent(event);
  const policy = await from.getPolicy(TENANT_ID);
  if (policy) await to.savePolicy(TENANT_ID, policy);
}

async function playHistory(options: SeedOptions): Promise<SeedSummary> {
  const clock = new ManualClock(options.now);
  const service = new SessionService({
    store: options.store,
    clock,
    geo: options.geo,
    directory: options.directory,
    policyDefaults: options.policyDefaults,
    policyCacheMs: 0,
  });
  const now = options.now.getTime();
  const at = (ago: number) => clock.set(now - ago);
  const userId = (name: string) => `usr_${name}`;
  const secrets = new Map<string, string>();
  let active = 0;
  const bulkSessions = await playBulkForceLogout(service, options.directory, at);

  for (const [index, s] of SESSIONS.entries()) {
    const place = SEED_PLACES[s.place];
    at(s.opened);
    const result = await service.issue({
      tenantId: TENANT_ID,
      userId: userId(s.user),
      ip: place.ip,
      userAgent: USER_AGENTS[s.agent],
      rememberMe: s.rememberMe ?? false,
      kind: s.kind ?? 'browser',
      ...(s.client ? { client: s.client } : {}),
    });
    if (result.status !== 'issued') throw new Error(`seed: login ${index} was refused by the demo policy`);
    // Requests every few hours keep the session inside the idle timeout, as a person using it would.
    for (let ago = s.opened - 3 * HOUR; ago > s.seen; ago -= 5 * HOUR + (index % 4) * 17 * MINUTE) {
      at(ago);
      await service.validate(result.secret, { ip: place.ip, path: PAGES[((ago / HOUR) % PAGES.length) | 0] });
    }
    at(s.seen);
    await service.validate(result.secret, { ip: place.ip, path: PAGES[index % PAGES.length] });
    if (s.loggedOut !== undefined) {
      at(s.loggedOut);
      await service.endBySecret(result.secret, { userId: userId(s.user), ip: place.ip }, 'logout');
    } else {
      active++;
      secrets.set(`${s.user}:${s.agent}`, result.secret);
    }
  }

  // Tom's laptop was reported stolen: an administrator forced him out, then he signed in again on a new one.
  const admin = { userId: userId('admin'), ip: SEED_PLACES.sanFrancisco.ip };
  at(30 * HOUR);
  const tomEnded = await service.revokeAllForUser(TENANT_ID, userId('tom'), {
    actor: admin,
    reason: 'Laptop reported stolen — replacement issued by IT',
  });
  active -= tomEnded;
  at(29 * HOUR);
  const tom = await service.issue({
    tenantId: TENANT_ID,
    userId: userId('tom'),
    ip: SEED_PLACES.toronto.ip,
    userAgent: USER_AGENTS.chromeWindows,
    rememberMe: true,
  });
  if (tom.status === 'issued') {
    active++;
    at(45 * MINUTE);
    await service.validate(tom.secret, { ip: SEED_PLACES.toronto.ip, path: '/invoices' });
  }

  // Olivia left the company: her account is deactivated and her last session ended with it.
  at(10 * DAY);
  const olivia = await service.issue({
    tenantId: TENANT_ID,
    userId: userId('olivia'),
    ip: SEED_PLACES.newYork.ip,
    userAgent: USER_AGENTS.chromeMac,
  });
  at(10 * DAY - 2 * HOUR);
  const leaving = { actor: admin, reason: 'Left the company; laptop returned to IT' };
  if (olivia.status === 'issued') await service.onUserDeactivated(TENANT_ID, userId('olivia'), leaving);
  options.directory.deactivate(userId('olivia'), {
    at: clock.now(),
    byUserId: admin.userId,
    reason: leaving.reason,
  });

  clock.set(now);
  return { sessions: SESSIONS.length + 2 + bulkSessions, activeSessions: active };
}
