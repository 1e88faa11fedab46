import type { GeoResolver, SessionStore } from '@sessionkit/core';
import { MemorySessionStore } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RiskSignalAlert } from '../src/index.js';
import { MongoSessionStore, createSessionKit } from '../src/index.js';
import { CSRF_SECRET, directory, openDatabase, startHost } from './support.js';

const BERLIN = '93.197.54.120';
const LONDON = '81.2.69.142';
const geo: GeoResolver = {
  async lookup(ip) {
    const place =
      ip === BERLIN
        ? { city: 'Berlin', country: 'Germany', countryCode: 'DE' }
        : ip === LONDON
          ? { city: 'London', country: 'United Kingdom', countryCode: 'GB' }
          : null;
    return place && { ...place, region: null, isp: null, latitude: null, longitude: null, local: false };
  },
};
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

let database: Awaited<ReturnType<typeof openDatabase>>;
beforeAll(async () => {
  database = await openDatabase('signInAlerts');
});
afterAll(() => database.drop());

const stores: [string, () => SessionStore][] = [
  ['memory', () => new MemorySessionStore()],
  [
    'FerretDB',
    () =>
      new MongoSessionStore(database.connection, {
        collectionPrefix: `a${Math.random().toString(36).slice(2, 8)}_`,
      }),
  ],
];

describe.each(stores)('sign-in alerts and devices on the %s store', (_name, makeStore) => {
  async function alerting(hook?: (alert: RiskSignalAlert) => void, store = makeStore()) {
    const sent: RiskSignalAlert[] = [];
    const host = await startHost({
      store,
      geo,
      alertLinkUrl: 'https://app.test/not-me',
      onRiskSignal: hook ?? ((alert) => void sent.push(alert)),
    });
    return { host, sent, store };
  }

  it('hands the hook a ready message and a link whose secret is only in its fragment', async () => {
    const { host, sent } = await alerting();
    try {
      await host.login('u_ada');
      host.clock.advance(3 * 3_600_000);
      const away = await host.login('u_ada', { ip: BERLIN });
      await host.kit.service.alerts.idle();
      expect(sent).toHaveLength(1);
      const [alert] = sent;
      expect(alert?.signal).toMatchObject({ userId: 'u_ada', sessionId: away.sessionId });
      expect(alert?.signal.signals.map((s) => s.kind)).toEqual(['new_country']);
      expect(alert?.message).toMatchObject({ subject: 'New sign-in to your account', locale: 'en' });
      expect(alert?.message.text).toContain('Where: Berlin, Germany');
      expect(alert?.link).toMatch(/^https:\/\/app\.test\/not-me#token=[A-Za-z0-9_-]{43}$/);
      // A GET of the link's route changes nothing (a mail scanner): it is not a route at all.
      const token = alert?.link.split('#token=')[1] ?? '';
      expect((await host.anonymous().get(`/api/sessions/alerts/not-me?token=${token}`)).status).toBe(401);
      expect((await away.get('/api/hello')).status).toBe(200);
    } finally {
      await host.close();
    }
  });

  it('a hook that throws leaves the sign-in working, logged and audited', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { host } = await alerting(() => {
      throw new Error('smtp down');
    });
    try {
      await host.login('u_ada');
      host.clock.advance(3 * 3_600_000);
      const away = await host.login('u_ada', { ip: BERLIN });
      await host.kit.service.alerts.idle();
      expect((await away.get('/api/hello')).status).toBe(200);
      expect(warn).toHaveBeenCalledWith('sessionkit: the sign-in alert hook failed', 'smtp down');
      const admin = await host.login('u_admin');
      const audit = await admin.get('/api/sessions/audit-events?action=sign_in_alert');
      expect(
        audit.body.map((e: { details: { delivery?: string } }) => e.details.delivery ?? 'raised').sort(),
      ).toEqual(['failed', 'raised']);
    } finally {
      warn.mockRestore();
      await host.close();
    }
  });

  it('the link signs the session out on its next request, asks for a new password, and answers 410 the second time', async () => {
    const { host, sent } = await alerting();
    try {
      const home = await host.login('u_ada');
      host.clock.advance(3 * 3_600_000);
      const away = await host.login('u_ada', { ip: BERLIN });
      await host.kit.service.alerts.idle();
      const token = sent[0]?.link.split('#token=')[1] ?? '';
      expect(
        (await home.get('/api/sessions/me/sessions')).body.find(
          (s: { id: string }) => s.id === away.sessionId,
        ).alert,
      ).toMatchObject({ signals: ['new_country'] });

      const stranger = host.anonymous();
      const lookup = await stranger.post('/api/sessions/alerts/lookup', { token });
      expect(lookup.body).toMatchObject({
        status: 'open',
        spent: false,
        session: { location: 'Berlin, Germany' },
      });
      const used = await stranger.post('/api/sessions/alerts/not-me', { token });
      expect(used.status).toBe(200);
      expect(used.body).toMatchObject({ ended: true, passwordChangeRequired: true });
      expect(await away.get('/api/hello')).toMatchObject({
        status: 401,
        body: { error: 'session_ended', reason: 'revoked' },
      });
      expect((await home.get('/api/sessions/me/password-change')).body).toMatchObject({ required: true });
      const again = await stranger.post('/api/sessions/alerts/not-me', { token });
      expect(again).toMatchObject({ status: 410, body: { error: 'gone' } });
      expect((await stranger.post('/api/sessions/alerts/not-me', { token: 7 })).body).toMatchObject({
        field: 'token',
      });

      // Changing the password answers the ask.
      await home.post('/api/password');
      expect((await home.get('/api/sessions/me/password-change')).body).toMatchObject({ required: false });
    } finally {
      await host.close();
    }
  });

  it('a renamed, trusted device shows its name to the person and to administrators, until an administrator forces it out', async () => {
    const { host, sent } = await alerting();
    try {
      const laptop = await host.login('u_ada');
      const renamed = await laptop.request('PATCH', `/api/sessions/me/sessions/${laptop.sessionId}/device`, {
        body: { name: 'Work laptop', trusted: true },
      });
      expect(renamed.body.device).toMatchObject({
        label: 'Work laptop',
        detectedLabel: 'Chrome on macOS',
        trusted: true,
      });
      const bad = await laptop.request('PATCH', `/api/sessions/me/sessions/${laptop.sessionId}/device`, {
        body: { name: 'x', colour: 'red' },
      });
      expect(bad).toMatchObject({ status: 400, body: { field: 'colour' } });
      const admin = await host.login('u_admin');
      const list = await admin.get('/api/sessions/admin/sessions?userId=u_ada');
      expect(list.body.map((s: { device: { label: string } }) => s.device.label)).toEqual(['Work laptop']);
      // Another person's session is not found, and without the CSRF header nothing changes.
      expect(
        (
          await admin.request('PATCH', `/api/sessions/me/sessions/${laptop.sessionId}/device`, {
            body: { name: 'Mine' },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await laptop.request('PATCH', `/api/sessions/me/sessions/${laptop.sessionId}/device`, {
            body: { name: 'Y' },
            csrf: false,
          })
        ).status,
      ).toBe(403);

      await admin.post('/api/sessions/admin/users/u_ada/force-logout', { reason: 'laptop stolen' });
      const audit = await admin.get('/api/sessions/audit-events?action=device_trust_ended');
      expect(audit.body).toMatchObject([
        { actorId: 'u_admin', targetUserId: 'u_ada', details: { device: 'Work laptop' } },
      ]);
      host.clock.advance(60_000);
      const back = await host.login('u_ada', { userAgent: FIREFOX });
      const mine = await back.get('/api/sessions/me/sessions?status=all');
      const old = mine.body.find((s: { id: string }) => s.id === laptop.sessionId);
      expect(old.device).toMatchObject({ label: 'Work laptop' });
      expect(old.device.trusted).toBeUndefined();
      await host.kit.service.alerts.idle();
      expect(sent.map((a) => a.signal.signals.map((s) => s.kind))).toEqual([['new_device']]);
    } finally {
      await host.close();
    }
  });

  it('"it was me" clears the highlight; "no, sign it out" ends it from the list', async () => {
    const { host } = await alerting();
    try {
      const home = await host.login('u_ada');
      host.clock.advance(3 * 3_600_000);
      const first = await host.login('u_ada', { ip: BERLIN });
      const second = await host.login('u_ada', { userAgent: FIREFOX });
      const confirmed = await home.post(`/api/sessions/me/sessions/${first.sessionId}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.alert).toBeUndefined();
      const denied = await home.post(`/api/sessions/me/sessions/${second.sessionId}/not-me`);
      expect(denied.body).toMatchObject({ ended: true });
      expect((await second.get('/api/hello')).status).toBe(401);
      expect((await home.post(`/api/sessions/me/sessions/${second.sessionId}/confirm`)).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});

describe('a second instance', () => {
  it('refuses the session that a link used on the first instance signed out', async () => {
    const sent: RiskSignalAlert[] = [];
    const options = {
      geo,
      alertLinkUrl: 'https://app.test/not-me',
      onRiskSignal: (a: RiskSignalAlert) => void sent.push(a),
    };
    const first = await startHost({ store: new MongoSessionStore(database.connection), ...options });
    const second = await startHost({
      store: new MongoSessionStore(database.connection),
      clock: first.clock,
      ...options,
    });
    try {
      await first.login('u_bob');
      first.clock.advance(3 * 3_600_000);
      const away = await first.login('u_bob', { ip: BERLIN });
      await first.kit.service.alerts.idle();
      const onSecond = second.anonymous();
      onSecond.cookies.set('sk_session', away.cookies.get('sk_session') ?? '');
      expect((await onSecond.get('/api/hello')).status).toBe(200);
      const token = sent[0]?.link.split('#token=')[1] ?? '';
      expect((await second.anonymous().post('/api/sessions/alerts/not-me', { token })).status).toBe(200);
      expect((await first.anonymous().post('/api/sessions/alerts/not-me', { token })).status).toBe(410);
      expect((await onSecond.get('/api/hello')).body).toMatchObject({ error: 'session_ended' });
      expect((await away.get('/api/hello')).status).toBe(401);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('options', () => {
  it('names alertLinkUrl when onRiskSignal has no page to link to', () => {
    const base = { store: new MemorySessionStore(), directory, csrfSecret: CSRF_SECRET, sweepIntervalMs: 0 };
    expect(() => createSessionKit({ ...base, onRiskSignal: () => undefined })).toThrow(/alertLinkUrl/);
    expect(() =>
      createSessionKit({ ...base, onRiskSignal: () => undefined, alertLinkUrl: 'https://a.test/x#y' }),
    ).toThrow(/alertLinkUrl/);
    expect(() => createSessionKit({ ...base, translate: 'de' as never })).toThrow(/translate/);
  });
});
