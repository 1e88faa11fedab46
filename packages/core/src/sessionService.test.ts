import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, ManualClock } from './clock.js';
import { isSessionKitError } from './errors.js';
import type { GeoResolver } from './geo.js';
import { MemorySessionStore } from './memoryStore.js';
import type { IssueInput, IssueResult } from './sessionService.js';
import { SessionService } from './sessionService.js';
import type { Session } from './session.js';
import type { SessionStore, TouchPatch } from './store.js';
import { hashSecret } from './tokens.js';
import { StaticUserDirectory } from './userDirectory.js';
import { aPushRegistration, anApiKey, anAuthorizedApp } from './testing/builders.js';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const places: Record<
  string,
  { city: string; country: string; countryCode: string; latitude: number; longitude: number }
> = {
  '81.2.69.142': {
    city: 'London',
    country: 'United Kingdom',
    countryCode: 'GB',
    latitude: 51.5,
    longitude: -0.12,
  },
  '8.8.8.8': {
    city: 'Mountain View',
    country: 'United States',
    countryCode: 'US',
    latitude: 37.4,
    longitude: -122.1,
  },
};
const geo: GeoResolver = {
  async lookup(ip) {
    const p = places[ip];
    return p ? { ...p, region: null, isp: null, local: false } : null;
  },
};

const admin = { userId: 'u_admin' };
let clock: ManualClock;
let store: MemorySessionStore;
let service: SessionService;

function make(options: Partial<ConstructorParameters<typeof SessionService>[0]> = {}) {
  return new SessionService({
    store,
    clock,
    geo,
    directory: new StaticUserDirectory([
      { id: 'u_ada', tenantId: 't', name: 'Ada Lovelace', department: 'Engineering', role: 'user' },
      { id: 'u_bob', tenantId: 't', name: 'Bob Stone', department: 'Sales', role: 'user' },
      { id: 'u_root', tenantId: 't', name: 'Root Admin', department: 'IT', role: 'admin', superUser: true },
    ]),
    ...options,
  });
}

beforeEach(() => {
  clock = new ManualClock('2026-03-02T10:00:00.000Z');
  store = new MemorySessionStore();
  service = make();
});

async function login(
  overrides: Partial<IssueInput> = {},
): Promise<Extract<IssueResult, { status: 'issued' }>> {
  const result = await service.issue({
    tenantId: 't',
    userId: 'u_ada',
    ip: '81.2.69.142',
    userAgent: CHROME_MAC,
    ...overrides,
  });
  if (result.status !== 'issued') throw new Error(`expected a session, got ${result.status}`);
  return result;
}

describe('issue', () => {
  it('returns a 256-bit secret once and stores only its hash', async () => {
    const { secret, session } = await login();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(session.tokenHash).toBe(hashSecret(secret));
    expect(JSON.stringify(await store.findSessionById('t', session.id))).not.toContain(secret);
    expect(JSON.stringify(await store.findLiveSession(session.tokenHash))).not.toContain(secret);
    expect(session.id).toMatch(/^ses_/);
  });

  it('records device, place and the login in the audit trail', async () => {
    const { session } = await login({ userAgent: SAFARI_IPHONE });
    expect(session.device.label).toBe('Safari on iPhone');
    expect(session.location).toMatchObject({ city: 'London', countryCode: 'GB' });
    const audit = await store.listAuditEvents({ tenantId: 't' });
    expect(audit.items).toMatchObject([{ action: 'login', targetUserId: 'u_ada', sessionId: session.id }]);
  });

  it('reads a private address as "Local network"', async () => {
    const { session } = await login({ ip: '192.168.1.20' });
    expect(session.location).toMatchObject({ country: 'Local network', local: true });
  });

  it('labels an app login by the device name the app sends', async () => {
    const { session } = await login({
      kind: 'mobile',
      client: { name: 'Fleet', deviceName: "  Ada's Pixel  " },
    });
    expect(session.device.label).toBe("Ada's Pixel");
    expect(session.client).toEqual({ name: 'Fleet', deviceName: "Ada's Pixel" });
  });

  it('adopts a credential the host already issued', async () => {
    const hostSid = 'host-session-id-with-enough-entropy-123';
    const { secret, session } = await login({ secret: hostSid });
    expect(secret).toBe(hostSid);
    expect((await service.validate(hostSid)).status).toBe('active');
    expect(session.tokenHash).toBe(hashSecret(hostSid));
  });

  it('refuses an adopted credential too short to be a secret', async () => {
    const error = await login({ secret: 'short' }).catch((e: unknown) => e);
    expect(isSessionKitError(error, 'invalid_input') && error.field).toBe('secret');
  });

  it('names the missing field when the user is missing', async () => {
    const error = await login({ userId: '' }).catch((e: unknown) => e);
    expect(isSessionKitError(error, 'invalid_input') && error.field).toBe('userId');
  });

  it('grants remember me only when the policy allows it', async () => {
    expect((await login({ rememberMe: true })).session.rememberMe).toBe(true);
    await service.updatePolicy('t', { rememberMe: { allowed: false } }, admin);
    expect((await login({ rememberMe: true })).session.rememberMe).toBe(false);
  });
});

describe('concurrent session limit', () => {
  it('ends the oldest session when a third login exceeds a limit of 2', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' } },
      admin,
    );
    const first = await login();
    clock.advance(MINUTE);
    const second = await login();
    clock.advance(MINUTE);
    const third = await login();
    expect(third.evicted.map((s) => s.id)).toEqual([first.session.id]);
    expect(await service.validate(first.secret)).toMatchObject({
      status: 'ended',
      reason: 'concurrency_limit',
    });
    expect((await service.validate(second.secret)).status).toBe('active');
  });

  it('refuses a new login under deny_new and offers the sessions to end instead', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
      admin,
    );
    const first = await login();
    const denied = await service.issue({ tenantId: 't', userId: 'u_ada', ip: '8.8.8.8' });
    expect(denied).toMatchObject({ status: 'limit_reached', max: 1, sessions: [{ id: first.session.id }] });
    const audit = await store.listAuditEvents({ tenantId: 't', actions: ['login_denied'] });
    expect(audit.total).toBe(1);
  });

  it('lets the person end a chosen session to make room', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
      admin,
    );
    const first = await login();
    const second = await login({ replaceSessionId: first.session.id });
    expect(second.evicted.map((s) => s.id)).toEqual([first.session.id]);
    expect(await service.validate(first.secret)).toMatchObject({
      status: 'ended',
      reason: 'concurrency_limit',
    });
  });

  it('refuses to replace another user’s session', async () => {
    const bobs = await login({ userId: 'u_bob' });
    const error = await login({ replaceSessionId: bobs.session.id }).catch((e: unknown) => e);
    expect(isSessionKitError(error, 'not_found')).toBe(true);
    expect((await service.validate(bobs.secret)).status).toBe('active');
  });

  it('counts sessions opened before the limit was switched on', async () => {
    const a = await login();
    clock.advance(MINUTE);
    const b = await login();
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' } },
      admin,
    );
    clock.advance(MINUTE);
    const c = await login();
    expect(c.evicted.map((s) => s.id)).toEqual([a.session.id]);
    expect((await service.validate(b.secret)).status).toBe('active');
  });

  it('refuses under deny_new when older sessions already fill the limit', async () => {
    await login();
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
      admin,
    );
    expect((await service.issue({ tenantId: 't', userId: 'u_ada', ip: '8.8.8.8' })).status).toBe(
      'limit_reached',
    );
  });

  it('frees the slot of a session that idled out so a new login fits', async () => {
    await service.updatePolicy(
      't',
      {
        concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' },
        idleTimeout: { enabled: true, value: 30, unit: 'minutes' },
      },
      admin,
    );
    const first = await login();
    clock.advance(31 * MINUTE);
    expect((await service.issue({ tenantId: 't', userId: 'u_ada', ip: '8.8.8.8' })).status).toBe('issued');
    expect(await service.validate(first.secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
  });

  it('reclaims a slot left by a login that crashed before saving its session', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
      admin,
    );
    await store.claimSlot(
      { tenantId: 't', userId: 'u_ada', slot: 0 },
      { sessionId: 'ses_ghost', tokenHash: hashSecret('ghost') },
      clock.now(),
    );
    expect((await service.issue({ tenantId: 't', userId: 'u_ada', ip: '8.8.8.8' })).status).toBe(
      'limit_reached',
    );
    clock.advance(2 * MINUTE);
    expect((await service.issue({ tenantId: 't', userId: 'u_ada', ip: '8.8.8.8' })).status).toBe('issued');
  });

  it('releases the slot when saving the session fails', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'deny_new' } },
      admin,
    );
    const { secret } = await login();
    const error = await login({ secret }).catch((e: unknown) => e);
    expect(isSessionKitError(error)).toBe(true);
    expect(await store.listSlots('t', 'u_ada')).toHaveLength(1);
  });
});

describe('validate', () => {
  it('answers unknown for a secret it never issued, or nonsense', async () => {
    expect(await service.validate('not-a-real-secret')).toEqual({ status: 'unknown' });
    expect(await service.validate('')).toEqual({ status: 'unknown' });
    expect(await service.validate('x'.repeat(600))).toEqual({ status: 'unknown' });
  });

  it('signs out a session idle for longer than the idle timeout', async () => {
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 1, unit: 'hours' } }, admin);
    const { secret } = await login();
    clock.advance(59 * MINUTE);
    expect((await service.validate(secret)).status).toBe('active');
    clock.advance(59 * MINUTE);
    expect((await service.validate(secret)).status).toBe('active');
    clock.advance(HOUR);
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
    const ended = await store.listAuditEvents({ tenantId: 't', actions: ['session_ended'] });
    expect(ended.items).toMatchObject([{ endReason: 'idle_timeout', actorId: null }]);
  });

  it('never idles out when the timeout is off', async () => {
    await service.updatePolicy(
      't',
      { idleTimeout: { enabled: false }, rememberMe: { standardDays: 60, rememberedDays: 60 } },
      admin,
    );
    const { secret } = await login();
    clock.advance(20 * DAY);
    expect((await service.validate(secret)).status).toBe('active');
  });

  it('expires a standard session after the standard days and a remembered one after the remembered days', async () => {
    await service.updatePolicy(
      't',
      { idleTimeout: { enabled: false }, rememberMe: { allowed: true, rememberedDays: 30, standardDays: 1 } },
      admin,
    );
    const standard = await login();
    const remembered = await login({ rememberMe: true });
    clock.advance(DAY);
    expect(await service.validate(standard.secret)).toMatchObject({ status: 'ended', reason: 'expired' });
    expect((await service.validate(remembered.secret)).status).toBe('active');
    clock.advance(29 * DAY);
    expect(await service.validate(remembered.secret)).toMatchObject({ status: 'ended', reason: 'expired' });
  });

  it('ends a session with an 8-hour lifetime after 8 hours, however busy it stays', async () => {
    await service.updatePolicy('t', { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } }, admin);
    const { secret } = await login();
    for (let hour = 1; hour < 8; hour++) {
      clock.advance(HOUR);
      expect((await service.validate(secret)).status).toBe('active');
    }
    clock.advance(HOUR);
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'expired' });
  });

  it('records a lifetime change in the audit trail as people read it', async () => {
    await service.updatePolicy('t', { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } }, admin);
    const events = await store.listAuditEvents({ tenantId: 't', actions: ['policy_updated'] });
    expect(events.items[0]?.details).toEqual({ 'rememberMe.standardLifetime': '8 hours' });
  });

  it('applies a policy change to existing sessions at their next request', async () => {
    const { secret } = await login();
    clock.advance(2 * HOUR);
    expect((await service.validate(secret)).status).toBe('active');
    clock.advance(2 * HOUR);
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 1, unit: 'hours' } }, admin);
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
  });

  it('sees another instance’s policy change once its cache bound has passed', async () => {
    const defaults = { rememberMe: { standardDays: 30, rememberedDays: 30 } };
    service = make({ policyDefaults: defaults });
    const other = make({ policyDefaults: defaults, policyCacheMs: 5_000 });
    const { secret } = await login();
    clock.advance(2 * DAY);
    await other.getPolicy('t');
    await service.updatePolicy('t', { rememberMe: { standardDays: 1 } }, admin);
    clock.advance(1_000);
    expect((await other.validate(secret)).status).toBe('active');
    clock.advance(5_000);
    expect(await other.validate(secret)).toMatchObject({ status: 'ended', reason: 'expired' });
  });

  it('sends one policy read when many requests find the cached policy stale at once', async () => {
    let reads = 0;
    store = new (class extends MemorySessionStore {
      override async getPolicy(tenantId: string) {
        reads++;
        return super.getPolicy(tenantId);
      }
    })();
    service = make({ policyCacheMs: 5_000 });
    const { secret } = await login();
    clock.advance(6_000);
    reads = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, () => service.validate(secret)));
    expect(answers.every((a) => a.status === 'active')).toBe(true);
    expect(reads).toBe(1);
  });

  it('keeps a policy it saved even when a read that began before the save ends after it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let hold = false;
    store = new (class extends MemorySessionStore {
      override async getPolicy(tenantId: string) {
        const held = hold;
        const before = await super.getPolicy(tenantId);
        if (held) await gate;
        return before;
      }
    })();
    service = make({ policyCacheMs: 5_000 });
    hold = true;
    const staleRead = service.getPolicy('t');
    hold = false;
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 2, unit: 'hours' } }, admin);
    release();
    await staleRead;
    expect((await service.getPolicy('t')).idleTimeout).toMatchObject({ value: 2, unit: 'hours' });
  });

  it('reports why a session ended even when it has lapsed since', async () => {
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 1, unit: 'hours' } }, admin);
    const { secret, session } = await login();
    await service.revoke('t', session.id, { actor: admin });
    clock.advance(2 * HOUR);
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'revoked' });
  });
});

describe('touch', () => {
  class CountingStore extends MemorySessionStore {
    touches: TouchPatch[] = [];
    override async touchSession(tokenHash: string, patch: TouchPatch) {
      this.touches.push(patch);
      return super.touchSession(tokenHash, patch);
    }
  }

  it('writes at most once per interval and keeps the actions counted in between', async () => {
    const counting = new CountingStore();
    store = counting;
    service = make({ touchIntervalMs: MINUTE });
    const { secret, session } = await login();
    for (let i = 0; i < 10; i++) {
      clock.advance(5_000);
      await service.validate(secret, { ip: '81.2.69.142', path: `/page/${i}` });
    }
    expect(counting.touches).toHaveLength(0);
    clock.advance(MINUTE);
    await service.validate(secret, { ip: '81.2.69.142', path: '/last' });
    expect(counting.touches).toHaveLength(1);
    const stored = await store.findLiveSession(session.tokenHash);
    expect(stored?.activity).toEqual({ actions: 11, lastPath: '/last' });
    expect(stored?.lastSeenAt).toEqual(clock.now());
  });

  it('makes one write when the interval lapses under concurrent requests, not one per request', async () => {
    const counting = new CountingStore();
    store = counting;
    service = make({ touchIntervalMs: MINUTE });
    const { secret } = await login();
    clock.advance(2 * MINUTE);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => service.validate(secret, { ip: '81.2.69.142', path: `/c/${i}` })),
    );
    expect(counting.touches).toHaveLength(1);
  });

  it('writes at once when the address changes', async () => {
    const { secret, session } = await login();
    await service.validate(secret, { ip: '8.8.8.8' });
    expect((await store.findLiveSession(session.tokenHash))?.lastIp).toBe('8.8.8.8');
  });

  it('keeps the interval small against a short idle timeout', async () => {
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 10, unit: 'minutes' } }, admin);
    const policy = await service.getPolicy('t');
    expect(service.touchIntervalMs(policy)).toBe(30_000);
    await service.updatePolicy('t', { idleTimeout: { enabled: false } }, admin);
    expect(service.touchIntervalMs(await service.getPolicy('t'))).toBe(MINUTE);
  });
});

describe('revoke', () => {
  it('ends one session; the next request is refused with the reason', async () => {
    const { secret, session } = await login();
    const ended = await service.revoke('t', session.id, { actor: admin, reason: 'Lost laptop' });
    expect(ended).toMatchObject({ status: 'ended', endReason: 'revoked', endedBy: 'u_admin' });
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'revoked' });
    const audit = await store.listAuditEvents({ tenantId: 't', actions: ['session_ended'] });
    expect(audit.items[0]).toMatchObject({
      reason: 'Lost laptop',
      actorId: 'u_admin',
      sessionId: session.id,
    });
  });

  it('answers not found for another user’s session and leaves it alone', async () => {
    const bobs = await login({ userId: 'u_bob' });
    const error = await service
      .revoke('t', bobs.session.id, { actor: { userId: 'u_ada' }, ownerId: 'u_ada' })
      .catch((e: unknown) => e);
    expect(isSessionKitError(error, 'not_found')).toBe(true);
    expect((await service.validate(bobs.secret)).status).toBe('active');
  });

  it('answers not found the second time, never a second success', async () => {
    const { session } = await login();
    await service.revoke('t', session.id, { actor: admin });
    await expect(service.revoke('t', session.id, { actor: admin })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('signs out every other session and keeps the current one', async () => {
    const current = await login();
    const other1 = await login({ userAgent: SAFARI_IPHONE });
    const other2 = await login({ ip: '8.8.8.8' });
    const bobs = await login({ userId: 'u_bob' });
    expect(await service.revokeOthers('t', 'u_ada', current.session.id, { userId: 'u_ada' })).toBe(2);
    expect((await service.validate(current.secret)).status).toBe('active');
    expect(await service.validate(other1.secret)).toMatchObject({ reason: 'revoked_others' });
    expect(await service.validate(other2.secret)).toMatchObject({ reason: 'revoked_others' });
    expect((await service.validate(bobs.secret)).status).toBe('active');
  });

  it('force-logs-out every session of a user with the reason in the audit trail', async () => {
    const a = await login();
    const b = await login({ userAgent: SAFARI_IPHONE });
    expect(await service.revokeAllForUser('t', 'u_ada', { actor: admin, reason: 'Left the company' })).toBe(
      2,
    );
    expect(await service.validate(a.secret)).toMatchObject({
      reason: 'force_logout',
      note: 'Left the company',
    });
    expect(await service.validate(b.secret)).toMatchObject({ reason: 'force_logout' });
    const [event] = (await store.listAuditEvents({ tenantId: 't', actions: ['force_logout'] })).items;
    expect(event).toMatchObject({
      actorId: 'u_admin',
      targetUserId: 'u_ada',
      reason: 'Left the company',
      details: { ended: 2 },
    });
  });

  it('signs out the whole account except the caller’s current session', async () => {
    const mine = await login({ userId: 'u_root' });
    const myOther = await login({ userId: 'u_root', ip: '8.8.8.8' });
    const ada = await login();
    const n = await service.revokeAllForTenant('t', {
      actor: { userId: 'u_root' },
      reason: 'Breach drill',
      exceptSessionId: mine.session.id,
    });
    expect(n).toBe(2);
    expect((await service.validate(mine.secret)).status).toBe('active');
    expect((await service.validate(myOther.secret)).status).toBe('ended');
    expect((await service.validate(ada.secret)).status).toBe('ended');
    expect((await store.listAuditEvents({ tenantId: 't', actions: ['revoke_all'] })).items[0]).toMatchObject({
      reason: 'Breach drill',
    });
  });

  it('spares the sessions of the users it is told to spare when signing out the account', async () => {
    const caller = await login({ userId: 'u_admin' });
    await login({ userId: 'u_admin' });
    const root = await login({ userId: 'u_root' });
    const ada = await login();
    const ended = await service.revokeAllForTenant('t', {
      actor: admin,
      reason: 'incident',
      exceptSessionId: caller.session.id,
      exceptUserIds: ['u_root'],
    });
    expect(ended).toBe(2);
    expect((await service.validate(caller.secret)).status).toBe('active');
    expect((await service.validate(root.secret)).status).toBe('active');
    expect((await service.validate(ada.secret)).status).toBe('ended');
  });

  it('ends other sessions on a password change and all of them on deactivation', async () => {
    const a = await login();
    const b = await login();
    expect(
      await service.onPasswordChanged('t', 'u_ada', {
        actor: { userId: 'u_ada' },
        currentSessionId: a.session.id,
      }),
    ).toEqual({ ended: 1, rotated: null });
    expect(await service.validate(b.secret)).toMatchObject({ reason: 'password_changed' });
    expect(await service.onUserDeactivated('t', 'u_ada', { actor: admin })).toBe(1);
    expect(await service.validate(a.secret)).toMatchObject({ reason: 'user_deactivated' });
  });

  it("keeps an administrator's reason for a password reset and a deactivation, for the person and the trail", async () => {
    const a = await login();
    await service.onPasswordChanged('t', 'u_ada', { actor: admin, reason: 'Reset at the help desk' });
    expect(await service.validate(a.secret)).toMatchObject({
      reason: 'password_changed',
      note: 'Reset at the help desk',
    });
    const b = await login();
    expect(await service.onUserDeactivated('t', 'u_ada', { actor: admin, reason: 'Left the company' })).toBe(
      1,
    );
    expect(await service.validate(b.secret)).toMatchObject({
      reason: 'user_deactivated',
      note: 'Left the company',
    });
    const { items } = await store.listAuditEvents({ tenantId: 't', actions: ['session_ended'] });
    // Both at the same instant of the test clock: compared in no particular order.
    expect(items.map((e) => [e.endReason, e.actorId, e.reason]).sort()).toEqual([
      ['password_changed', 'u_admin', 'Reset at the help desk'],
      ['user_deactivated', 'u_admin', 'Left the company'],
    ]);
  });

  it('records the account changes themselves, with who, why and how many sessions ended, even with none open', async () => {
    await login();
    await service.onPasswordChanged('t', 'u_ada', { actor: admin, reason: 'Reset at the help desk' });
    expect(await service.onUserDeactivated('t', 'u_ada', { actor: admin, reason: 'Left the company' })).toBe(
      0,
    );
    await service.onUserReactivated('t', 'u_ada', { actor: admin, reason: 'Rehired' });
    const { items } = await store.listAuditEvents({
      tenantId: 't',
      actions: ['password_changed', 'user_deactivated', 'user_reactivated'],
    });
    expect(items.map((e) => [e.action, e.actorId, e.targetUserId, e.reason, e.details]).sort()).toEqual([
      ['password_changed', 'u_admin', 'u_ada', 'Reset at the help desk', { ended: 1 }],
      ['user_deactivated', 'u_admin', 'u_ada', 'Left the company', { ended: 0 }],
      ['user_reactivated', 'u_admin', 'u_ada', 'Rehired', {}],
    ]);
  });

  it('rotates the current secret on password change: the old one is refused, the replacement works', async () => {
    const current = await login();
    const other = await login();
    const result = await service.onPasswordChanged('t', 'u_ada', {
      actor: { userId: 'u_ada' },
      currentSessionId: current.session.id,
      rotate: true,
    });
    expect(result.ended).toBe(1);
    expect(result.rotated?.secret).not.toBe(current.secret);
    expect(await service.validate(current.secret)).toMatchObject({
      status: 'ended',
      reason: 'password_changed',
    });
    expect(await service.validate(other.secret)).toMatchObject({
      status: 'ended',
      reason: 'password_changed',
    });
    const replacement = await service.validate(result.rotated?.secret ?? '');
    expect(replacement.status).toBe('active');
    const record = await store.findSessionById('t', result.rotated?.session.id ?? '');
    expect(record?.device.label).toBe(current.session.device.label);
    expect(record?.location?.city).toBe('London');
  });

  it('ends the oldest excess sessions when the policy lowers the maximum', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 4, onExceed: 'evict_oldest' } },
      admin,
    );
    const sessions = [];
    for (let i = 0; i < 4; i++) {
      sessions.push(await login());
      clock.advance(MINUTE);
    }
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'deny_new' } },
      admin,
    );
    const states = await Promise.all(sessions.map(async (s) => (await service.validate(s.secret)).status));
    expect(states).toEqual(['ended', 'ended', 'active', 'active']);
    // The survivors were packed below the new maximum, so a new login is refused, not let in beside them.
    expect((await service.issue({ tenantId: 't', userId: 'u_ada', ip: '8.8.8.8' })).status).toBe(
      'limit_reached',
    );
    await service.updatePolicy('t', { concurrentSessions: { onExceed: 'evict_oldest' } }, admin);
    const next = await login();
    expect(next.evicted.map((s) => s.id)).toEqual([sessions[2]?.session.id]);
    expect((await store.listLiveSessions('t', 'u_ada')).map((s) => s.slot).sort()).toEqual([0, 1]);
  });

  it('logs out by secret, once', async () => {
    const { secret } = await login();
    expect(await service.endBySecret(secret, { userId: null })).toMatchObject({
      endReason: 'logout',
      endedBy: 'u_ada',
    });
    expect(await service.endBySecret(secret, { userId: null })).toBeNull();
  });
});

describe('views', () => {
  it('lists a user’s sessions with the current one first', async () => {
    const current = await login();
    clock.advance(MINUTE);
    await login({ userAgent: SAFARI_IPHONE });
    const list = await service.listUserSessions('t', 'u_ada', { currentSessionId: current.session.id });
    expect(list.map((s) => s.id)[0]).toBe(current.session.id);
    expect(list).toHaveLength(2);
  });

  it('shows ended sessions of the last 7 days when asked for all', async () => {
    const old = await login();
    await service.revoke('t', old.session.id, { actor: admin });
    clock.advance(8 * DAY);
    const recent = await login();
    await service.revoke('t', recent.session.id, { actor: admin });
    await login();
    const since = new Date(clock.now().getTime() - 7 * DAY);
    expect(await service.listUserSessions('t', 'u_ada', { status: 'all', since })).toHaveLength(2);
    expect(await service.listUserSessions('t', 'u_ada', { status: 'ended' })).toHaveLength(2);
  });

  it('ends and hides sessions that lapsed while nobody was looking', async () => {
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 1, unit: 'hours' } }, admin);
    const { session } = await login();
    clock.advance(2 * HOUR);
    expect(await service.listUserSessions('t', 'u_ada')).toEqual([]);
    expect((await service.getUserSession('t', 'u_ada', session.id)).endReason).toBe('idle_timeout');
  });

  it('shows one own session and hides another user’s', async () => {
    const { session } = await login();
    expect((await service.getUserSession('t', 'u_ada', session.id)).id).toBe(session.id);
    await expect(service.getUserSession('t', 'u_bob', session.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lists sessions across the account for admins', async () => {
    await login();
    await login({ userId: 'u_bob' });
    expect((await service.listSessions('t', { status: 'active' })).total).toBe(2);
  });

  it('counts active users, sessions and signed-in super users', async () => {
    await login();
    await login();
    await login({ userId: 'u_root' });
    expect(await service.adminSummary('t')).toEqual({ activeUsers: 2, activeSessions: 3, superUsers: 1 });
  });

  it('lists signed-in users joined with the directory, filtered, sorted and paged', async () => {
    await login();
    clock.advance(MINUTE);
    await login({ userId: 'u_bob', ip: '8.8.8.8' });
    clock.advance(MINUTE);
    await login({ userId: 'u_root' });
    await login({ userId: 'u_ghost' });
    const byName = await service.adminUsers('t', { sort: 'name' });
    expect(byName.items.map((r) => r.name)).toEqual(['Ada Lovelace', 'Bob Stone', 'Root Admin', 'u_ghost']);
    expect((await service.adminUsers('t', { q: 'sales' })).items.map((r) => r.userId)).toEqual(['u_bob']);
    expect((await service.adminUsers('t', { q: 'ada' })).items.map((r) => r.userId)).toEqual(['u_ada']);
    expect((await service.adminUsers('t', { superUser: true })).items).toMatchObject([
      { userId: 'u_root', superUser: true },
    ]);
    const paged = await service.adminUsers('t', { sort: 'lastLoginAt', order: 'asc', offset: 1, limit: 1 });
    expect(paged).toMatchObject({ total: 4, items: [{ userId: 'u_bob', lastLoginIp: '8.8.8.8' }] });
    expect((await service.adminUsers('t', { sort: 'activeSessions' })).items[0]?.activeSessions).toBe(1);
  });

  it('answers the team view the same from a directory that can only look people up', async () => {
    await login();
    clock.advance(MINUTE);
    await login({ userId: 'u_bob' });
    clock.advance(MINUTE);
    await login({ userId: 'u_root' });
    await login({ userId: 'u_ghost' });
    const full = make();
    const directory = new StaticUserDirectory([
      { id: 'u_ada', tenantId: 't', name: 'Ada Lovelace', department: 'Engineering', role: 'user' },
      { id: 'u_bob', tenantId: 't', name: 'Bob Stone', department: 'Sales', role: 'user' },
      { id: 'u_root', tenantId: 't', name: 'Root Admin', department: 'IT', role: 'admin', superUser: true },
    ]);
    const lookupOnly = make({ directory: { getUsers: (t, ids) => directory.getUsers(t, ids) } });
    const queries = [
      {},
      { superUser: false },
      { superUser: true },
      { q: 'o' },
      { q: 'o', superUser: false },
      { q: 'u_ghost' },
      { q: 'nobody', superUser: true },
      { sort: 'lastActiveAt' as const, order: 'asc' as const, offset: 1, limit: 2 },
    ];
    for (const query of queries) {
      const ids = async (s: SessionService) => (await s.adminUsers('t', query)).items.map((r) => r.userId);
      expect(await ids(lookupOnly), JSON.stringify(query)).toEqual(await ids(full));
    }
    expect((await full.adminUsers('t', { superUser: false })).items.map((r) => r.userId)).toEqual([
      'u_ghost',
      'u_bob',
      'u_ada',
    ]);
    expect((await full.adminUsers('t', { q: 'o', superUser: false })).total).toBe(2);
    expect(await lookupOnly.adminSummary('t')).toEqual(await full.adminSummary('t'));
    expect(await lookupOnly.signedInSuperUserIds('t')).toEqual(['u_root']);
  });

  it('shows ids when the host gives no directory', async () => {
    service = new SessionService({ store, clock });
    await login();
    expect((await service.adminUsers('t')).items[0]).toMatchObject({ name: 'u_ada', superUser: false });
    expect(await service.adminSummary('t')).toMatchObject({ superUsers: 0 });
  });

  it('counts logins and sign-outs per day', async () => {
    const from = new Date('2026-03-01T00:00:00.000Z');
    const a = await login();
    await service.revoke('t', a.session.id, {
      actor: { userId: 'u_ada' },
      endReason: 'logout',
      ownerId: 'u_ada',
    });
    clock.advance(DAY);
    await login();
    await login({ userId: 'u_bob' });
    const stats = await service.loginStats('t', 'u_ada', { from, to: new Date('2026-03-04T00:00:00.000Z') });
    expect(stats).toMatchObject({ logins: 2, logouts: 1 });
    expect(stats.days).toEqual([
      { date: '2026-03-01', logins: 0, logouts: 0 },
      { date: '2026-03-02', logins: 1, logouts: 1 },
      { date: '2026-03-03', logins: 1, logouts: 0 },
    ]);
  });

  it('refuses a period that ends before it starts or spans more than a year', async () => {
    const from = new Date('2026-03-01T00:00:00.000Z');
    await expect(service.loginStats('t', 'u_ada', { from, to: from })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'to',
    });
    await expect(
      service.loginStats('t', 'u_ada', { from, to: new Date('2027-06-01T00:00:00.000Z') }),
    ).rejects.toMatchObject({
      field: 'to',
    });
  });

  it('flags a login from a new country and device', async () => {
    await login();
    clock.advance(HOUR);
    await login({ ip: '8.8.8.8', userAgent: SAFARI_IPHONE });
    const kinds = (await service.riskSignalsFor('t', 'u_ada')).map((s) => s.kind).sort();
    expect(kinds).toEqual(['impossible_travel', 'new_country', 'new_device']);
  });

  it('lists the audit trail filtered by user', async () => {
    await login();
    await login({ userId: 'u_bob' });
    expect((await service.listAuditEvents('t', { userId: 'u_bob' })).total).toBe(1);
  });
});

describe('import', () => {
  const at = (iso: string) => new Date(iso);

  it('brings sessions in signed in: they validate with their secrets, keep their times, and are not logins', async () => {
    const adopted = 'a-secret-the-old-system-issued-0123456789';
    const { sessions, ended } = await service.importSessions([
      {
        tenantId: 't',
        userId: 'u_ada',
        ip: '81.2.69.142',
        userAgent: CHROME_MAC,
        secret: adopted,
        createdAt: at('2026-03-02T08:00:00.000Z'),
        lastSeenAt: at('2026-03-02T09:55:00.000Z'),
      },
      { tenantId: 't', userId: 'u_bob', ip: '8.8.8.8', userAgent: SAFARI_IPHONE, location: null },
    ]);
    expect(ended).toBe(0);
    expect(sessions.map((s) => s.userId)).toEqual(['u_ada', 'u_bob']);
    expect(sessions[0]?.secret).toBe(adopted);
    const ada = await service.validate(adopted);
    expect(ada).toMatchObject({ status: 'active', session: { userId: 'u_ada' } });
    const bob = await service.validate(sessions[1]?.secret ?? '');
    expect(bob.status).toBe('active');
    const [stored] = (await service.listSessions('t', { userId: 'u_ada' })).items;
    expect(stored).toMatchObject({
      createdAt: at('2026-03-02T08:00:00.000Z'),
      device: { label: 'Chrome on macOS' },
      location: { city: 'London' },
    });
    const [bobs] = (await service.listSessions('t', { userId: 'u_bob' })).items;
    expect(bobs).toMatchObject({ location: null, device: { type: 'mobile' } });
    const events = (await service.listAuditEvents('t')).items;
    expect(events.map((e) => e.action)).toEqual(['sessions_imported']);
    expect(events[0]?.details).toEqual({ sessions: 2 });
  });

  it('names the field of a bad session and imports none of them', async () => {
    const good = { tenantId: 't', userId: 'u_ada', ip: '81.2.69.142' };
    const cases: [unknown, string][] = [
      [{ ...good, userId: '' }, 'sessions[1].userId'],
      [{ ...good, secret: 'short' }, 'sessions[1].secret'],
      [{ ...good, createdAt: new Date('nope') }, 'sessions[1].createdAt'],
      [
        { ...good, createdAt: at('2026-03-02T00:00:00Z'), lastSeenAt: at('2026-03-01T00:00:00Z') },
        'sessions[1].lastSeenAt',
      ],
      [null, 'sessions[1]'],
    ];
    for (const [bad, field] of cases) {
      const error = await service
        .importSessions([good, bad] as Parameters<SessionService['importSessions']>[0])
        .catch((e: unknown) => e);
      expect(isSessionKitError(error, 'invalid_input'), field).toBe(true);
      expect(error).toMatchObject({ field });
    }
    expect(await service.adminSummary('t')).toMatchObject({ activeSessions: 0 });
    expect((await service.listAuditEvents('t')).total).toBe(0);
  });

  it('ends the oldest imported sessions beyond the limit, and the rest hold slots', async () => {
    await service.updatePolicy(
      't',
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' } },
      admin,
    );
    const { sessions, ended } = await service.importSessions(
      [0, 1, 2, 3].map((n) => ({
        tenantId: 't',
        userId: 'u_ada',
        ip: '81.2.69.142',
        createdAt: new Date(clock.now().getTime() - (4 - n) * HOUR),
      })),
    );
    expect(ended).toBe(2);
    const statuses = await Promise.all(sessions.map(async (s) => (await service.validate(s.secret)).status));
    expect(statuses).toEqual(['ended', 'ended', 'active', 'active']);
    expect((await store.listSlots('t', 'u_ada')).map((s) => s.slot)).toEqual([0, 1]);
    // A login now finds the limit full, as after two logins.
    const third = await login();
    expect(third.evicted).toHaveLength(1);
  });
});

describe('policy', () => {
  it('starts from the host’s defaults and merges partial updates', async () => {
    service = make({ policyDefaults: { concurrentSessions: { enabled: true, max: 1 } } });
    expect((await service.getPolicy('t')).concurrentSessions).toEqual({
      enabled: true,
      max: 1,
      onExceed: 'evict_oldest',
    });
    const updated = await service.updatePolicy('t', { idleTimeout: { value: 30, unit: 'minutes' } }, admin);
    expect(updated.idleTimeout).toEqual({ enabled: true, value: 30, unit: 'minutes' });
    expect(updated.concurrentSessions.max).toBe(1);
    const [event] = (await store.listAuditEvents({ tenantId: 't', actions: ['policy_updated'] })).items;
    expect(event?.details).toEqual({ 'idleTimeout.value': '30', 'idleTimeout.unit': 'minutes' });
  });

  it('refuses bad values, names the field and changes nothing', async () => {
    await expect(service.updatePolicy('t', { idleTimeout: { unit: 'weeks' } }, admin)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'idleTimeout.unit',
    });
    expect(await store.getPolicy('t')).toBeNull();
  });

  it('refuses bad options at start-up', () => {
    expect(() => new SessionService({} as never)).toThrow(/store/);
    expect(() => make({ touchIntervalMs: 0 })).toThrow(/touchIntervalMs/);
    expect(() => make({ policyCacheMs: -1 })).toThrow(/policyCacheMs/);
    expect(() => make({ policyDefaults: { idleTimeout: { unit: 'fortnights' } } })).toThrow(
      /idleTimeout.unit/,
    );
  });
});

describe('other credentials', () => {
  it('revokes an authorized app of its owner only', async () => {
    const app = anAuthorizedApp({ tenantId: 't' });
    await store.insertAuthorizedApp(app);
    await expect(
      service.revokeAuthorizedApp('t', 'u_bob', app.id, { userId: 'u_bob' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await service.listAuthorizedApps('t', 'u_ada')).items).toHaveLength(1);
    await service.revokeAuthorizedApp('t', 'u_ada', app.id, { userId: 'u_ada' });
    expect((await service.listAuthorizedApps('t', 'u_ada')).total).toBe(0);
    expect((await store.listAuditEvents({ tenantId: 't', actions: ['app_revoked'] })).total).toBe(1);
  });

  it('removes a push registration of its owner only', async () => {
    const reg = aPushRegistration({ tenantId: 't' });
    await store.insertPushRegistration(reg);
    await expect(
      service.removePushRegistration('t', 'u_bob', reg.id, { userId: 'u_bob' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await service.removePushRegistration('t', 'u_ada', reg.id, { userId: 'u_ada' });
    expect((await service.listPushRegistrations('t', 'u_ada')).items).toEqual([]);
  });

  it('lists API keys with requests in the last 24 hours and without their hash', async () => {
    const key = anApiKey({ tenantId: 't' });
    await store.insertApiKey(key);
    await store.recordApiKeyUse('t', key.id, new Date(clock.now().getTime() - 25 * HOUR));
    await store.recordApiKeyUse('t', key.id, new Date(clock.now().getTime() - 5 * MINUTE));
    const {
      items: [listed],
    } = await service.apiKeys.list('t');
    expect(listed).toMatchObject({ id: key.id, requestsLast24h: 1 });
    expect(listed).not.toHaveProperty('keyHash');
  });

  it('sorts and pages the short lists, ties by id', async () => {
    for (const [name, n] of [
      ['Zapier', 1],
      ['asana', 2],
      ['Bitbucket', 3],
    ] as const) {
      await store.insertAuthorizedApp(
        anAuthorizedApp({ tenantId: 't', userId: 'u_ada', name, createdAt: new Date(Date.UTC(2026, 0, n)) }),
      );
    }
    const names = async (query: Parameters<SessionService['listAuthorizedApps']>[2]) =>
      (await service.listAuthorizedApps('t', 'u_ada', query)).items.map((a) => a.name);
    expect(await names({})).toEqual(['Bitbucket', 'asana', 'Zapier']);
    expect(await names({ sort: { field: 'name', order: 'asc' } })).toEqual(['asana', 'Bitbucket', 'Zapier']);
    expect(await names({ sort: { field: 'createdAt', order: 'asc' }, offset: 1, limit: 1 })).toEqual([
      'asana',
    ]);
    expect((await service.listAuthorizedApps('t', 'u_ada', { limit: 1 })).total).toBe(3);
  });

  it('reads login statistics for the last 30 days by default', async () => {
    await login();
    clock.advance(MINUTE);
    const stats = await service.loginStats('t', 'u_ada');
    expect(stats.to).toEqual(clock.now());
    expect(stats.from).toEqual(new Date(clock.now().getTime() - 30 * DAY));
    expect(stats.logins).toBe(1);
  });
});

describe('sweep', () => {
  it('ends lapsed sessions nobody used and removes ended ones past retention', async () => {
    await service.updatePolicy(
      't',
      { idleTimeout: { enabled: true, value: 1, unit: 'days' }, retention: { endedSessionDays: 2 } },
      admin,
    );
    await login();
    clock.advance(DAY + MINUTE);
    expect(await service.sweep()).toEqual({ ended: 1, removed: 0 });
    clock.advance(3 * DAY);
    expect(await service.sweep()).toEqual({ ended: 0, removed: 1 });
  });
});

describe('a store that fails', () => {
  it('lets the failure through instead of reporting a signed-out session', async () => {
    const { secret } = await login();
    const broken: SessionStore = Object.create(store);
    broken.findLiveSession = async () => {
      throw new Error('connection refused');
    };
    const s = new SessionService({ store: broken, clock });
    await expect(s.validate(secret)).rejects.toThrow('connection refused');
  });
});

export type { Session };
