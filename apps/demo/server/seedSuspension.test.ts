import { HOUR, ManualClock, MemorySessionStore, SessionService } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import { DEMO_POLICY } from './demoPolicy.js';
import { DemoDirectory, TENANT_ID } from './directory.js';
import { createDemoGeo } from './geo.js';
import { seedDemo } from './seed.js';
import { SEEDED_SUSPENSION } from './seedSuspension.js';

const NOW = new Date('2026-03-02T15:30:00.000Z');

describe('the demo seed’s suspension', () => {
  it('shows a person whose sessions are suspended, with a reason, who suspended them and an end, without setup', async () => {
    const store = new MemorySessionStore();
    const directory = await DemoDirectory.create();
    const geo = await createDemoGeo();
    await seedDemo({ store, directory, geo: geo.resolver, policyDefaults: DEMO_POLICY, now: NOW });
    const clock = new ManualClock(NOW);
    const service = new SessionService({ store, clock, directory, policyDefaults: DEMO_POLICY });

    const [suspension, ...others] = await service.suspensions.list(TENANT_ID);
    expect(others).toEqual([]);
    expect(suspension).toMatchObject({
      userId: SEEDED_SUSPENSION.userId,
      reason: SEEDED_SUSPENSION.reason,
      suspendedBy: 'usr_admin',
      until: new Date(NOW.getTime() + SEEDED_SUSPENSION.untilMs),
    });
    // The sessions are there, active, and each refused with the reason.
    const live = await store.listLiveSessions(TENANT_ID, SEEDED_SUSPENSION.userId);
    expect(live).toHaveLength(2);
    for (const s of live) expect(s.suspension?.reason).toBe(SEEDED_SUSPENSION.reason);
    const events = (await store.listAuditEvents({ tenantId: TENANT_ID, actions: ['sessions_suspended'] }))
      .items;
    expect(events).toMatchObject([{ targetUserId: SEEDED_SUSPENSION.userId, details: { sessions: 2 } }]);
    // Signing in is refused; once the time is up the same sessions work again.
    await expect(
      service.issue({ tenantId: TENANT_ID, userId: SEEDED_SUSPENSION.userId, ip: '10.0.0.1' }),
    ).rejects.toThrow(/suspended/);
    clock.advance(SEEDED_SUSPENSION.untilMs + HOUR);
    expect(await service.suspensions.list(TENANT_ID)).toEqual([]);
  });
});
