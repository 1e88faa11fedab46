import { MemorySessionStore } from '@sessionkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_POLICY } from './demoPolicy.js';
import { DemoDirectory, TENANT_ID } from './directory.js';
import { createDemoGeo } from './geo.js';
import { seedDemo } from './seed.js';
import { SEEDED_BULK_REASON } from './seedBulk.js';

const NOW = new Date('2026-03-02T15:30:00.000Z');

describe('the demo seed’s bulk force logout', () => {
  let store: MemorySessionStore;
  beforeAll(async () => {
    store = new MemorySessionStore();
    const directory = await DemoDirectory.create();
    const geo = await createDemoGeo();
    await seedDemo({ store, directory, geo: geo.resolver, policyDefaults: DEMO_POLICY, now: NOW });
  });

  it('is in the audit log as one action by Morgan with its two people', async () => {
    const { items: actions } = await store.listAuditEvents({
      tenantId: TENANT_ID,
      actions: ['bulk_force_logout'],
    });
    expect(actions).toHaveLength(1);
    const [action] = actions;
    expect(action).toMatchObject({
      actorId: 'usr_admin',
      reason: SEEDED_BULK_REASON,
      details: { people: 2, ended: 2, superUsers: 0, leftOut: 0, selection: 'people' },
    });
    const bulkId = String(action!.details.bulkId);
    const { items } = await store.listAuditEvents({ tenantId: TENANT_ID, bulkId, actions: ['force_logout'] });
    expect(items.map((e) => e.targetUserId).sort()).toEqual(['usr_lena', 'usr_maria']);
  });

  it('ended only the sessions it was for: Lena’s later sessions are active, as the rest of the seed has them', async () => {
    const { items } = await store.listSessions({ tenantId: TENANT_ID });
    for (const userId of ['usr_lena', 'usr_maria']) {
      const forced = items.filter((s) => s.userId === userId && s.endReason === 'force_logout');
      expect(forced).toHaveLength(1);
      expect(forced[0]!.endNote).toBe(SEEDED_BULK_REASON);
    }
    expect(items.some((s) => s.userId === 'usr_lena' && s.status === 'active')).toBe(true);
  });
});
