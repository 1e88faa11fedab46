import type { GeoResolver, SessionStore } from '@sessionkit/core';
import { DAY, HOUR, ManualClock, SessionService } from '@sessionkit/core';
import type { DemoDirectory } from './directory.js';
import { TENANT_ID } from './directory.js';
import { SEED_PLACES } from './geo.js';
import { USER_AGENTS } from './seedSessions.js';

/** Who the seed suspends, why and for how long: what Login management and Elena's page show at start. */
export const SEEDED_SUSPENSION = {
  userId: 'usr_elena',
  reason: 'Unusual data export under review by Security — call the IT desk on ext. 4410',
  untilMs: 2 * DAY,
} as const;

/**
 * A suspended person without setup: Elena (whom no part of the tour signs in as) has a laptop session and
 * a phone session, both paused by Morgan an hour ago for two days. Written through core's service on the host's
 * store, as an administrator's suspension would be.
 */
export async function seedSuspension(options: {
  store: SessionStore;
  directory: DemoDirectory;
  geo: GeoResolver;
  policyDefaults: unknown;
  now: Date;
}): Promise<void> {
  const now = options.now.getTime();
  const clock = new ManualClock(now - HOUR);
  const service = new SessionService({
    store: options.store,
    clock,
    geo: options.geo,
    directory: options.directory,
    policyDefaults: options.policyDefaults,
  });
  const place = SEED_PLACES.sanFrancisco;
  await service.importSessions([
    {
      tenantId: TENANT_ID,
      userId: SEEDED_SUSPENSION.userId,
      ip: place.ip,
      userAgent: USER_AGENTS.firefoxUbuntu,
      createdAt: new Date(now - 3 * DAY),
      lastSeenAt: new Date(now - 2 * HOUR),
    },
    {
      tenantId: TENANT_ID,
      userId: SEEDED_SUSPENSION.userId,
      ip: place.ip,
      userAgent: USER_AGENTS.firefoxUbuntu,
      createdAt: new Date(now - DAY),
      lastSeenAt: new Date(now - 90 * 60_000),
    },
  ]);
  await service.suspend(
    TENANT_ID,
    SEEDED_SUSPENSION.userId,
    { until: new Date(now + SEEDED_SUSPENSION.untilMs).toISOString(), reason: SEEDED_SUSPENSION.reason },
    { userId: 'usr_admin', ip: place.ip },
  );
}
