import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY, HOUR, MINUTE, ManualClock } from './clock.js';
import { isSessionKitError } from './errors.js';
import { MemorySessionStore } from './memoryStore.js';
import { SessionService } from './sessionService.js';
import type { TouchPatch } from './store.js';
import { SessionSuspendedError } from './suspension.js';
import { suspensionErrors } from './suspensionInput.js';

const admin = { userId: 'u_admin' };
let clock: ManualClock;
let store: MemorySessionStore;
let service: SessionService;

beforeEach(() => {
  clock = new ManualClock('2026-03-02T09:00:00.000Z');
  store = new MemorySessionStore();
  service = new SessionService({ store, clock });
});

async function signIn(userId = 'u_ada'): Promise<string> {
  const issued = await service.issue({ tenantId: 't', userId, ip: '10.0.0.1' });
  if (issued.status !== 'issued') throw new Error('not issued');
  return issued.secret;
}

const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();

async function actions(): Promise<string[]> {
  return (await service.listAuditEvents('t', {})).items.map((e) => e.action);
}

describe('suspending a person', () => {
  it('refuses every request on their sessions with the reason and the end, and ends none of them', async () => {
    const [a, b] = [await signIn(), await signIn()];
    const result = await service.suspend(
      't',
      'u_ada',
      { until: inHours(2), reason: 'Investigation #12' },
      admin,
    );
    expect(result.sessions).toBe(2);
    for (const secret of [a, b]) {
      const v = await service.validate(secret);
      expect(v).toMatchObject({ status: 'suspended', reason: 'Investigation #12', userId: 'u_ada' });
      expect(v.status === 'suspended' && v.until.toISOString()).toBe(inHours(2));
    }
    const sessions = await service.listUserSessions('t', 'u_ada', { status: 'active' });
    expect(sessions).toHaveLength(2);
  });

  it('leaves other people signed in', async () => {
    await signIn('u_ada');
    const bob = await signIn('u_bob');
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    expect((await service.validate(bob)).status).toBe('active');
  });

  it('does not count a refused request as activity', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    const before = (await service.listUserSessions('t', 'u_ada', {}))[0];
    clock.advance(10 * MINUTE);
    await service.validate(secret, { path: '/x' });
    const after = (await service.listUserSessions('t', 'u_ada', {}))[0];
    expect(after?.lastSeenAt).toEqual(before?.lastSeenAt);
    expect(after?.activity.actions).toBe(before?.activity.actions);
  });

  it('works again by itself at the end, with one lapse in the audit trail', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    clock.advance(HOUR - 1);
    expect((await service.validate(secret)).status).toBe('suspended');
    clock.advance(1);
    expect((await service.validate(secret)).status).toBe('active');
    await service.sweep();
    await service.sweep();
    expect((await actions()).filter((a) => a === 'suspension_lapsed')).toHaveLength(1);
    expect(await service.suspensions.list('t')).toEqual([]);
  });

  it('resumes at once when an administrator lifts it, auditing who', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(4), reason: 'Check' }, admin);
    const resumed = await service.resume('t', 'u_ada', { userId: 'u_boss' });
    expect(resumed.sessions).toBe(1);
    expect((await service.validate(secret)).status).toBe('active');
    const events = (await service.listAuditEvents('t', {})).items;
    expect(events.find((e) => e.action === 'sessions_resumed')).toMatchObject({
      actorId: 'u_boss',
      targetUserId: 'u_ada',
      reason: 'Check',
    });
  });

  it('audits the suspension with its reason, end and number of sessions', async () => {
    await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(3), reason: 'Phishing report' }, admin);
    const event = (await service.listAuditEvents('t', {})).items.find(
      (e) => e.action === 'sessions_suspended',
    );
    expect(event).toMatchObject({
      actorId: 'u_admin',
      targetUserId: 'u_ada',
      reason: 'Phishing report',
      details: { until: inHours(3), sessions: 1 },
    });
  });

  it('answers not found when resuming someone who is not suspended', async () => {
    await expect(service.resume('t', 'u_ada', admin)).rejects.toSatisfy((e) =>
      isSessionKitError(e, 'not_found'),
    );
  });

  it('replaces an earlier suspension with a new end and reason', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'First' }, admin);
    await service.suspend('t', 'u_ada', { until: inHours(5), reason: 'Second' }, admin);
    clock.advance(2 * HOUR);
    expect(await service.validate(secret)).toMatchObject({ status: 'suspended', reason: 'Second' });
  });
});

describe('signing in while suspended', () => {
  it('is refused with the same reason, so signing in again does not walk around it', async () => {
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    const error = await service.issue({ tenantId: 't', userId: 'u_ada', ip: '10.0.0.1' }).catch((e) => e);
    expect(error).toBeInstanceOf(SessionSuspendedError);
    expect(error).toMatchObject({ reason: 'Check', until: new Date(inHours(1)) });
    expect(await service.listUserSessions('t', 'u_ada', {})).toEqual([]);
  });

  it('is allowed again once it lapsed', async () => {
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    clock.advance(HOUR);
    expect((await service.issue({ tenantId: 't', userId: 'u_ada', ip: '10.0.0.1' })).status).toBe('issued');
  });

  it('pauses a session whose login was in flight when the suspension began', async () => {
    // The login passed its check before the suspension was saved and stored its session after the
    // suspension listed the person's sessions: its own check after storing catches it.
    vi.spyOn(store, 'findSuspension').mockResolvedValueOnce(null);
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    const secret = await signIn();
    expect((await service.validate(secret)).status).toBe('suspended');
  });
});

describe('sessions that arrive while suspended', () => {
  it('pauses sessions imported for a suspended person, and only theirs', async () => {
    await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    const { sessions } = await service.importSessions([
      { tenantId: 't', userId: 'u_ada', ip: '10.0.0.2' },
      { tenantId: 't', userId: 'u_bob', ip: '10.0.0.3' },
      { tenantId: 't2', userId: 'u_ada', ip: '10.0.0.4' },
    ]);
    const statuses = await Promise.all(sessions.map(async (s) => (await service.validate(s.secret)).status));
    expect(statuses).toEqual(['suspended', 'active', 'active']);
  });

  it('pauses the replacement a password change rotates in, so a new secret does not walk around it', async () => {
    const issued = await service.issue({ tenantId: 't', userId: 'u_ada', ip: '10.0.0.1' });
    if (issued.status !== 'issued') throw new Error('not issued');
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    const { rotated } = await service.onPasswordChanged('t', 'u_ada', {
      actor: { userId: 'u_ada' },
      currentSessionId: issued.session.id,
      rotate: true,
    });
    expect(rotated).not.toBeNull();
    expect(await service.validate(rotated!.secret)).toMatchObject({ status: 'suspended', reason: 'Check' });
  });
});

describe('clocks during a pause', () => {
  beforeEach(async () => {
    await service.updatePolicy('t', { idleTimeout: { enabled: true, value: 30, unit: 'minutes' } }, admin);
  });

  it('does not end a session for idleness during the pause, on a request or in a sweep', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(4), reason: 'Check' }, admin);
    clock.advance(2 * HOUR);
    expect((await service.sweep()).ended).toBe(0);
    expect((await service.validate(secret)).status).toBe('suspended');
    expect(await service.listSessions('t', { status: 'active' })).toMatchObject({ total: 1 });
  });

  it('starts the idle clock again at the end of the pause', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(4), reason: 'Check' }, admin);
    clock.advance(4 * HOUR + 29 * MINUTE);
    expect((await service.validate(secret)).status).toBe('active');
  });

  it('starts the idle clock again at a resume', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(4), reason: 'Check' }, admin);
    clock.advance(HOUR);
    await service.resume('t', 'u_ada', admin);
    clock.advance(30 * MINUTE);
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
  });

  it('keeps the lifetime running: a session past it ends even while paused', async () => {
    const secret = await signIn();
    await service.suspend(
      't',
      'u_ada',
      { until: new Date(clock.now().getTime() + 60 * DAY).toISOString(), reason: 'Long' },
      admin,
    );
    clock.advance(30 * DAY);
    expect(await service.validate(secret)).toMatchObject({ status: 'ended', reason: 'expired' });
  });
});

describe('a mark lost to a racing write', () => {
  it('is written again by the suspension when a touch replaced it, so every session is paused', async () => {
    const secret = await signIn();
    const live = await store.findLiveSession(
      (await service.listUserSessions('t', 'u_ada', {}))[0]!.tokenHash,
    );
    // A FerretDB-style touch: the document read before the mark, written back whole after it.
    const realMark = store.markSession.bind(store);
    let raced = false;
    store.markSession = async (tokenHash, mark) => {
      await realMark(tokenHash, mark);
      if (!raced && live) {
        raced = true;
        await realMark(tokenHash, { ...mark, until: new Date(0) });
      }
    };
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    expect((await service.validate(secret)).status).toBe('suspended');
  });

  it('is written again by the next activity write, which refuses its request', async () => {
    const secret = await signIn();
    const realTouch = store.touchSession.bind(store);
    // The suspension's mark is dropped entirely (as if every write of it was lost).
    store.markSession = async () => {};
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    let touched = 0;
    store.touchSession = async (hash: string, patch: TouchPatch) => {
      touched++;
      return realTouch(hash, patch);
    };
    const marks = new MemorySessionStore();
    store.markSession = marks.markSession.bind(marks);
    clock.advance(2 * MINUTE);
    const v = await service.validate(secret);
    expect(touched).toBe(1);
    expect(v.status).toBe('suspended');
  });

  it('left behind by a resume that raced it does not keep the person out', async () => {
    const secret = await signIn();
    await service.suspend('t', 'u_ada', { until: inHours(1), reason: 'Check' }, admin);
    const s = (await service.listUserSessions('t', 'u_ada', {}))[0]!;
    const mark = (await store.findLiveSession(s.tokenHash))!.suspension!;
    await service.resume('t', 'u_ada', admin);
    await store.markSession(s.tokenHash, mark);
    expect((await service.validate(secret)).status).toBe('active');
    expect((await service.validate(secret)).status).toBe('active');
  });
});

describe('suspension input', () => {
  const now = new Date('2026-03-02T09:00:00.000Z');
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

  it.each([
    [{ until: at(-MINUTE), reason: 'x' }, 'until'],
    [{ until: at(91 * DAY), reason: 'x' }, 'until'],
    [{ until: 'soon', reason: 'x' }, 'until'],
    [{ reason: 'x' }, 'until'],
    [{ until: at(HOUR) }, 'reason'],
    [{ until: at(HOUR), reason: '   ' }, 'reason'],
    [{ until: at(HOUR), reason: ' \u200b\u202e\u0301 ' }, 'reason'],
    [{ until: at(HOUR), reason: 'x'.repeat(501) }, 'reason'],
    [[], 'body'],
  ])('names the field at fault: %j → %s', (input, field) => {
    expect(suspensionErrors(input, now)[0]?.field).toBe(field);
  });

  it('accepts an hour with a reason', () => {
    expect(suspensionErrors({ until: at(HOUR), reason: 'Investigation' }, now)).toEqual([]);
  });

  it('refuses bad input with invalid_input naming the field and changes nothing', async () => {
    const secret = await signIn();
    const error = await service
      .suspend('t', 'u_ada', { until: inHours(-1), reason: 'x' }, admin)
      .catch((e) => e);
    expect(isSessionKitError(error, 'invalid_input') && error.field).toBe('until');
    expect((await service.validate(secret)).status).toBe('active');
    expect(await actions()).not.toContain('sessions_suspended');
  });
});
