import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, ManualClock } from './clock.js';
import type { GeoResolver } from './geo.js';
import { MemorySessionStore } from './memoryStore.js';
import type { IssueInput } from './sessionService.js';
import { SessionService } from './sessionService.js';
import type { SignInAlertEvent, SignInAlertOptions } from './signInAlerts.js';
import { hashSecret } from './tokens.js';
import { StaticUserDirectory } from './userDirectory.js';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const LONDON = '81.2.69.142';
const BERLIN = '93.197.54.120';

const geo: GeoResolver = {
  async lookup(ip) {
    if (ip === LONDON)
      return {
        city: 'London',
        region: null,
        country: 'United Kingdom',
        countryCode: 'GB',
        isp: null,
        latitude: 51.5,
        longitude: -0.12,
        local: false,
      };
    if (ip === BERLIN)
      return {
        city: 'Berlin',
        region: null,
        country: 'Germany',
        countryCode: 'DE',
        isp: null,
        latitude: 52.52,
        longitude: 13.4,
        local: false,
      };
    return null;
  },
};

let clock: ManualClock;
let store: MemorySessionStore;
let service: SessionService;
let sent: SignInAlertEvent[];

function make(alerts: Partial<SignInAlertOptions> = {}) {
  return new SessionService({
    store,
    clock,
    geo,
    directory: new StaticUserDirectory([
      { id: 'u_ada', tenantId: 't', name: 'Ada Lovelace' },
      { id: 'u_bob', tenantId: 't', name: 'Bob Stone', locale: 'de-DE' },
    ]),
    signInAlerts: {
      linkFor: (secret) => `https://app.test/not-me#token=${secret}`,
      onAlert: (event) => void sent.push(event),
      ...alerts,
    },
  });
}

beforeEach(() => {
  clock = new ManualClock('2026-03-02T10:00:00.000Z');
  store = new MemorySessionStore();
  sent = [];
  service = make();
});

async function login(overrides: Partial<IssueInput> = {}) {
  const result = await service.issue({
    tenantId: 't',
    userId: 'u_ada',
    ip: LONDON,
    userAgent: CHROME_MAC,
    ...overrides,
  });
  if (result.status !== 'issued') throw new Error(`expected a session, got ${result.status}`);
  await service.alerts.idle();
  // Far enough apart that London to Berlin is a flight, not impossible travel.
  clock.advance(2 * HOUR);
  return result.session;
}

const secretOf = (event: SignInAlertEvent | undefined) => event?.link.split('#token=')[1] ?? '';

describe('raising sign-in alerts', () => {
  it('raises none for a first sign-in or a known device and place', async () => {
    await login();
    await login();
    expect(sent).toEqual([]);
  });

  it('raises one for a new country with a ready message, a link whose secret is stored only as a hash', async () => {
    await login();
    const session = await login({ ip: BERLIN });
    expect(sent).toHaveLength(1);
    const [event] = sent;
    expect(event?.signals.map((s) => s.kind)).toEqual(['new_country']);
    expect(event?.alert).toMatchObject({ userId: 'u_ada', sessionId: session.id, status: 'open' });
    expect(event?.message.subject).toBe('New sign-in to your account');
    expect(event?.message.locale).toBe('en');
    expect(event?.message.text).toContain('a country not seen on your account before: Germany');
    expect(event?.message.text).toContain('Where: Berlin, Germany');
    expect(event?.message.text).toContain('Device: Chrome on macOS');
    expect(event?.message.text).toContain('When: March 2, 2026 at 12:00 PM UTC');
    expect(event?.message.text).toContain(event?.link);
    const secret = secretOf(event);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    const stored = await store.findSignInAlert(hashSecret(secret));
    expect(stored?.id).toBe(event?.alert.id);
    expect(JSON.stringify(await store.listSignInAlerts('t', 'u_ada'))).not.toContain(secret);
    const audit = await store.listAuditEvents({ tenantId: 't', actions: ['sign_in_alert'] });
    expect(audit.items).toMatchObject([
      { targetUserId: 'u_ada', sessionId: session.id, details: { signals: 'new_country', locale: 'en' } },
    ]);
  });

  it('raises impossible travel for a sign-in too soon after one far away', async () => {
    await login();
    clock.advance(-HOUR);
    await login({ ip: BERLIN });
    expect(sent[0]?.alert.signals).toEqual(['new_country', 'impossible_travel']);
    expect(sent[0]?.message.text).toContain('too soon after a sign-in far away');
  });

  it('writes the message in the person’s language through the host’s translations of the same keys', async () => {
    const german: Record<string, string> = {
      'sessionkit.alerts.subject': 'Neue Anmeldung bei Ihrem Konto',
      'sessionkit.alerts.signal.new_country': 'Aus einem neuen Land: {{country}}.',
    };
    const asked: string[] = [];
    service = make({
      translate: (key, _english, _values, locale) => {
        asked.push(`${locale} ${key}`);
        return locale.startsWith('de') ? german[key] : undefined;
      },
    });
    await login({ userId: 'u_bob' });
    await login({ userId: 'u_bob', ip: BERLIN });
    const [event] = sent;
    expect(event?.message).toMatchObject({ subject: 'Neue Anmeldung bei Ihrem Konto', locale: 'de-DE' });
    expect(event?.message.text).toContain('Aus einem neuen Land: Germany.');
    expect(event?.message.text).toContain('2. März 2026');
    // Keys without a translation keep their English.
    expect(event?.message.text).toContain('Device: Chrome on macOS');
    expect(asked).toContain('de-DE sessionkit.alerts.notMe');
  });

  it('raises a new-device alert, and none once that device is trusted, until an administrator forces it out', async () => {
    await login({ userAgent: SAFARI_IPHONE });
    const laptop = await login();
    expect(sent.map((e) => e.alert.signals)).toEqual([['new_device']]);
    await service.devices.update('t', 'u_ada', laptop.id, { trusted: true }, { userId: 'u_ada' });
    // Retention removed the laptop's past sessions: to the risk rules it is a new device again.
    await service.revoke('t', laptop.id, { actor: { userId: 'u_ada' }, endReason: 'logout' });
    await store.deleteEndedSessions('t', clock.now());
    const again = await login();
    expect(sent).toHaveLength(1);

    await service.revokeAllForUser('t', 'u_ada', { actor: { userId: 'u_admin' }, reason: 'stolen' });
    expect(await service.devices.isTrusted('t', 'u_ada', again.device)).toBe(false);
    const ended = await store.listAuditEvents({ tenantId: 't', actions: ['device_trust_ended'] });
    expect(ended.items).toMatchObject([{ actorId: 'u_admin', targetUserId: 'u_ada' }]);
    await login({ userAgent: SAFARI_IPHONE });
    await store.deleteEndedSessions('t', clock.now());
    await login();
    expect(sent.map((e) => e.alert.signals)).toEqual([['new_device'], ['new_device']]);
  });

  it('a hook that throws neither fails nor blocks the sign-in: the alert stays and the failure is audited', async () => {
    service = make({
      onAlert: () => {
        throw new Error('mail server down');
      },
    });
    await login();
    const session = await login({ ip: BERLIN });
    expect((await service.alerts.openAlerts('t', 'u_ada')).has(session.id)).toBe(true);
    const audit = await store.listAuditEvents({ tenantId: 't', actions: ['sign_in_alert'] });
    expect(audit.items.map((e) => e.details.delivery ?? 'raised').sort()).toEqual(['failed', 'raised']);
  });

  it('judges nothing without the alert options', async () => {
    service = new SessionService({ store, clock, geo });
    await login();
    await login({ ip: BERLIN, userAgent: FIREFOX_WINDOWS });
    expect(await store.listSignInAlerts('t', 'u_ada')).toEqual([]);
  });
});

describe('answering an alert', () => {
  async function alerted() {
    await login();
    const session = await login({ ip: BERLIN });
    return { session, secret: secretOf(sent[0]) };
  }

  it('looking a link up changes nothing', async () => {
    const { session, secret } = await alerted();
    const before = JSON.stringify(await store.listSignInAlerts('t', 'u_ada'));
    const found = await service.alerts.lookup(secret);
    expect(found).toMatchObject({ spent: false, alert: { sessionId: session.id } });
    expect(found.session?.device.label).toBe('Chrome on macOS');
    expect(JSON.stringify(await store.listSignInAlerts('t', 'u_ada'))).toBe(before);
  });

  it('"this wasn’t me" ends the session, asks for a new password, is audited, and works once', async () => {
    const { session, secret } = await alerted();
    const answer = await service.alerts.denyByLink(secret, '10.0.0.9');
    expect(answer).toMatchObject({ ended: true, passwordChangeRequired: true });
    expect(await service.validateHash(session.tokenHash)).toMatchObject({
      status: 'ended',
      reason: 'revoked',
    });
    expect(await service.alerts.passwordChangeAsked('t', 'u_ada')).toEqual(clock.now());
    const audit = await store.listAuditEvents({ tenantId: 't', actions: ['sign_in_alert_answered'] });
    expect(audit.items).toMatchObject([
      { actorId: 'u_ada', ip: '10.0.0.9', details: { answer: 'not_me', ended: true } },
    ]);
    await expect(service.alerts.denyByLink(secret, null)).rejects.toMatchObject({ code: 'gone' });
    expect((await service.alerts.lookup(secret)).spent).toBe(true);

    await service.onPasswordChanged('t', 'u_ada', { actor: { userId: 'u_ada' } });
    expect(await service.alerts.passwordChangeAsked('t', 'u_ada')).toBeNull();
  });

  it('refuses an expired, unknown or malformed link, naming the field', async () => {
    const { secret } = await alerted();
    clock.advance(7 * DAY);
    await expect(service.alerts.denyByLink(secret, null)).rejects.toMatchObject({
      code: 'gone',
      message: expect.stringContaining('expired'),
    });
    await expect(service.alerts.denyByLink('x'.repeat(43), null)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(service.alerts.denyByLink(42, null)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'token',
    });
  });

  it('"it was me" clears the highlight and spends the link; another person’s session is not found', async () => {
    const { session, secret } = await alerted();
    await expect(service.alerts.confirm('t', 'u_bob', session.id, { userId: 'u_bob' })).rejects.toMatchObject(
      { code: 'not_found' },
    );
    await service.alerts.confirm('t', 'u_ada', session.id, { userId: 'u_ada' });
    expect((await service.alerts.openAlerts('t', 'u_ada')).size).toBe(0);
    await expect(service.alerts.denyByLink(secret, null)).rejects.toMatchObject({ code: 'gone' });
    await expect(service.alerts.confirm('t', 'u_ada', session.id, { userId: 'u_ada' })).rejects.toMatchObject(
      { code: 'not_found' },
    );
  });

  it('"no, sign it out" from the list ends the session like the link', async () => {
    const { session } = await alerted();
    const answer = await service.alerts.denyFromList('t', 'u_ada', session.id, { userId: 'u_ada' });
    expect(answer.ended).toBe(true);
    expect((await store.findSessionById('t', session.id))?.status).toBe('ended');
  });
});
