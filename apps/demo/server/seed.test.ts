import { DAY, HOUR, MINUTE, MemorySessionStore, SessionService, riskSignals } from '@sessionkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_POLICY } from './demoPolicy.js';
import { DemoDirectory, TENANT_ID } from './directory.js';
import { createDemoGeo } from './geo.js';
import { seedDemo } from './seed.js';

const NOW = new Date('2026-03-02T15:30:00.000Z');

async function seeded() {
  const store = new MemorySessionStore();
  const directory = await DemoDirectory.create();
  const geo = await createDemoGeo();
  await seedDemo({ store, directory, geo: geo.resolver, policyDefaults: DEMO_POLICY, now: NOW });
  const service = new SessionService({ store, directory, geo: geo.resolver, policyDefaults: DEMO_POLICY });
  const { items: sessions } = await store.listSessions({ tenantId: TENANT_ID });
  return { store, service, sessions, directory };
}

describe('the demo seed', () => {
  let data: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    data = await seeded();
  });

  it('signs people in from the browsers, phones and app of the sources', () => {
    const labels = new Set(data.sessions.filter((s) => s.status === 'active').map((s) => s.device.label));
    for (const label of ['Chrome on macOS', 'Safari on iPhone', 'Chrome on Windows', 'Firefox on Ubuntu']) {
      expect(labels).toContain(label);
    }
    // The mobile app reports its device name, which wins over the User-Agent.
    expect(labels).toContain("Kenji's Pixel 8");
    expect(labels).toContain("Priya's iPhone 15 Pro");
  });

  it('records who deactivated Olivia and why, as her page shows it', () => {
    expect(data.directory.get('usr_olivia')?.active).toBe(false);
    expect(data.directory.deactivation('usr_olivia')).toEqual({
      at: new Date(NOW.getTime() - 10 * DAY + 2 * HOUR),
      byUserId: 'usr_admin',
      reason: 'Left the company; laptop returned to IT',
    });
  });

  it('places sessions in several cities and countries', () => {
    const countries = new Set(data.sessions.map((s) => s.location?.countryCode));
    const cities = new Set(data.sessions.map((s) => s.location?.city));
    expect(countries.size).toBeGreaterThanOrEqual(6);
    expect(cities).toContain('San Francisco');
    expect(cities).toContain('Tokyo');
  });

  it('keeps one session weeks old, still signed in, and flags it as stale', () => {
    const old = data.sessions.filter(
      (s) => s.status === 'active' && NOW.getTime() - s.createdAt.getTime() > 30 * DAY,
    );
    expect(old).toHaveLength(1);
    const signals = riskSignals(old[0]!, data.sessions, { now: NOW });
    expect(signals.map((s) => s.kind)).toContain('stale_session');
  });

  it("makes Sam's newest login suspicious: a new country and a new device", () => {
    const sams = data.sessions.filter((s) => s.userId === 'usr_sam');
    const newest = sams.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
    const kinds = riskSignals(newest, sams, { now: NOW }).map((s) => `${s.kind}:${s.level}`);
    expect(kinds).toEqual(expect.arrayContaining(['new_country:high', 'new_device:high']));
    // Nobody else's sessions raise a high-risk sign: the demo has one suspicious session, not noise.
    const others = data.sessions.filter((s) => s.userId !== 'usr_sam' && s.status === 'active');
    const high = others
      .flatMap((s) => riskSignals(s, data.sessions, { now: NOW }))
      .filter((r) => r.level === 'high');
    expect(high).toEqual([]);
  });

  it('has an ended history: logouts, a force logout with its reason, a deactivated user', async () => {
    const reasons = new Set(data.sessions.filter((s) => s.status === 'ended').map((s) => s.endReason));
    expect(reasons).toEqual(new Set(['logout', 'force_logout', 'user_deactivated']));
    const { items } = await data.store.listAuditEvents({ tenantId: TENANT_ID, actions: ['force_logout'] });
    expect(items[0]?.reason).toMatch(/Laptop reported stolen/);
  });

  it('stays within the demo policy: nobody is over the session limit', () => {
    const perUser = new Map<string, number>();
    for (const s of data.sessions.filter((x) => x.status === 'active'))
      perUser.set(s.userId, (perUser.get(s.userId) ?? 0) + 1);
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(DEMO_POLICY.concurrentSessions.max);
    expect(perUser.get('usr_jordan')).toBeUndefined();
  });

  it('has an API key used minutes ago with its requests of the last day, and one never used', async () => {
    const keys = await data.store.listApiKeys(TENANT_ID);
    const crm = keys.find((k) => k.name === 'CRM sync')!;
    expect(NOW.getTime() - crm.lastUsedAt!.getTime()).toBeLessThan(5 * MINUTE);
    const counts = await data.store.countApiKeyRequests(TENANT_ID, [crm.id], new Date(NOW.getTime() - DAY));
    expect(counts.get(crm.id)).toBeGreaterThan(100);
    expect(keys.some((k) => k.lastUsedAt === null && k.revokedAt === null)).toBe(true);
  });

  it('gives people authorized applications, a mobile device among them, and push registrations', async () => {
    const apps = await data.store.listAuthorizedApps(TENANT_ID, 'usr_admin');
    expect(apps.map((a) => a.kind)).toEqual(expect.arrayContaining(['application', 'mobile', 'website']));
    expect(apps.every((a) => a.tokenPreview.length <= 5)).toBe(true);
    const push = await data.store.listPushRegistrations(TENANT_ID, 'usr_admin');
    expect(push.map((p) => p.platform).sort()).toEqual(['ios', 'web']);
  });

  it('is the same account on every start', async () => {
    const again = await seeded();
    const shape = (list: typeof data.sessions) =>
      list
        .map((s) =>
          [s.userId, s.device.label, s.location?.city, s.createdAt.getTime(), s.status, s.endReason].join(
            '|',
          ),
        )
        .sort();
    expect(shape(again.sessions)).toEqual(shape(data.sessions));
  });
});
