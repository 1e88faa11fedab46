import { beforeEach, describe, expect, it } from 'vitest';
import type { BulkActor } from './bulkRevoke.js';
import { MAX_BULK_PEOPLE } from './bulkRevoke.js';
import { ManualClock } from './clock.js';
import { isSessionKitError } from './errors.js';
import { MemorySessionStore } from './memoryStore.js';
import { SessionService } from './sessionService.js';
import type { DirectoryUser } from './userDirectory.js';
import { StaticUserDirectory } from './userDirectory.js';
import { aSession } from './testing/builders.js';

const T = 't';
const PEOPLE: DirectoryUser[] = [
  { id: 'u_ada', tenantId: T, name: 'Ada Lovelace', department: 'Engineering', role: 'user' },
  { id: 'u_bob', tenantId: T, name: 'Bob Stone', department: 'Sales', role: 'user' },
  { id: 'u_cy', tenantId: T, name: 'Cy Young', department: 'Sales', role: 'user' },
  { id: 'u_admin', tenantId: T, name: 'Alice Admin', department: 'IT', role: 'admin' },
  { id: 'u_root', tenantId: T, name: 'Rita Root', department: 'Sales', role: 'owner', superUser: true },
  { id: 'u_sam', tenantId: T, name: 'Sam Super', department: 'Board', role: 'owner', superUser: true },
  { id: 'u_idle', tenantId: T, name: 'Ivy Idle', department: 'Sales', role: 'user' },
];
const user = (id: string) => PEOPLE.find((p) => p.id === id) ?? null;
const actorOf = (id: string): { actor: BulkActor } => ({
  actor: { userId: id, user: user(id), sessionId: null, ip: '10.0.0.1' },
});
const admin = actorOf('u_admin');
const root = actorOf('u_root');

let clock: ManualClock;
let store: MemorySessionStore;
let service: SessionService;
const secrets = new Map<string, string[]>();

async function signIn(userId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const r = await service.issue({ tenantId: T, userId, ip: '81.2.69.142' });
    if (r.status !== 'issued') throw new Error('not issued');
    secrets.set(userId, [...(secrets.get(userId) ?? []), r.secret]);
  }
}

async function caught(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isSessionKitError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  clock = new ManualClock('2026-03-02T10:00:00.000Z');
  store = new MemorySessionStore();
  service = new SessionService({ store, clock, directory: new StaticUserDirectory(PEOPLE) });
  secrets.clear();
  await signIn('u_ada', 2);
  await signIn('u_bob');
  await signIn('u_cy', 3);
  await signIn('u_admin');
  await signIn('u_root');
  await signIn('u_sam');
});

describe('bulk force logout: the preview', () => {
  it('counts the people and sessions it would end and names super users apart', async () => {
    const preview = await service.bulk.preview(T, { userIds: ['u_ada', 'u_cy', 'u_root'] }, root);
    expect(preview.people.map((p) => p.userId)).toEqual(['u_ada', 'u_cy']);
    expect(preview.sessions).toBe(5);
    expect(preview.superUsers).toEqual([]);
    expect(preview.selfExcluded).toBe(true);

    const bySuper = await service.bulk.preview(T, { userIds: ['u_ada', 'u_sam'] }, root);
    expect(bySuper.refused).toEqual([]);
    expect(bySuper.superUsers.map((p) => p.name)).toEqual(['Sam Super']);
    expect(bySuper.people.map((p) => p.userId)).toEqual(['u_ada', 'u_sam']);
  });

  it('lists super users as refused for an administrator who is not one', async () => {
    const preview = await service.bulk.preview(T, { userIds: ['u_ada', 'u_root'] }, admin);
    expect(preview.people.map((p) => p.userId)).toEqual(['u_ada']);
    expect(preview.refused).toEqual([{ userId: 'u_root', name: 'Rita Root', superUser: true, sessions: 1 }]);
    expect(preview.superUsers).toEqual([]);
    expect(preview.sessions).toBe(2);
  });

  it('takes everyone the team view’s filter matches, as the team view finds them', async () => {
    const preview = await service.bulk.preview(T, { filter: { q: 'sales' } }, admin);
    expect(preview.people.map((p) => p.userId).sort()).toEqual(['u_bob', 'u_cy']);
    expect(preview.refused.map((p) => p.userId)).toEqual(['u_root']);
    expect(preview.sessions).toBe(4);
    const supers = await service.bulk.preview(T, { filter: { superUser: true } }, root);
    expect(supers.people.map((p) => p.userId)).toEqual(['u_sam']);
    expect(supers.superUsers.map((p) => p.userId)).toEqual(['u_sam']);
    expect(supers.selfExcluded).toBe(true);
  });

  it('names picked people who are signed in nowhere, and refuses ids the directory does not know', async () => {
    const preview = await service.bulk.preview(T, { userIds: ['u_ada', 'u_idle'] }, admin);
    expect(preview.notSignedIn).toEqual(['u_idle']);
    expect(await caught(service.bulk.preview(T, { userIds: ['u_ada', 'u_ghost'] }, admin))).toMatchObject({
      code: 'not_found',
      field: 'userIds',
    });
  });

  it('asks the given access rule about each person', async () => {
    const preview = await service.bulk.preview(
      T,
      { userIds: ['u_ada', 'u_bob'] },
      { ...admin, mayActOn: (target) => target?.department !== 'Sales' },
    );
    expect(preview.people.map((p) => p.userId)).toEqual(['u_ada']);
    expect(preview.refused.map((p) => p.userId)).toEqual(['u_bob']);
  });
});

describe('bulk force logout: the action', () => {
  it('ends every session of everyone picked, and their next request is refused with the reason', async () => {
    const result = await service.bulk.execute(T, { userIds: ['u_ada', 'u_cy'] }, 'Offboarding', admin);
    expect(result).toMatchObject({ people: 2, ended: 5 });
    expect(result.bulkId).toMatch(/^blk_/);
    for (const secret of [...secrets.get('u_ada')!, ...secrets.get('u_cy')!]) {
      expect(await service.validate(secret)).toMatchObject({
        status: 'ended',
        reason: 'force_logout',
        note: 'Offboarding',
      });
    }
    expect(await service.validate(secrets.get('u_bob')![0]!)).toMatchObject({ status: 'active' });
  });

  it('writes one force_logout event per person and one for the action, all with one bulk id', async () => {
    const { bulkId } = await service.bulk.execute(T, { userIds: ['u_ada', 'u_cy'] }, 'Offboarding', admin);
    const { items } = await service.listAuditEvents(T, { bulkId });
    // One instant for all of them (the clock stands still here): compared as a set.
    expect(items.map((e) => [e.action, e.targetUserId, e.details.ended]).sort()).toEqual([
      ['bulk_force_logout', null, 5],
      ['force_logout', 'u_ada', 2],
      ['force_logout', 'u_cy', 3],
    ]);
    expect(items.every((e) => e.actorId === 'u_admin' && e.reason === 'Offboarding')).toBe(true);
    expect(items.find((e) => e.action === 'bulk_force_logout')!.details).toMatchObject({
      bulkId,
      people: 2,
      superUsers: 0,
      selection: 'people',
    });
    // Each session's own ending is in the trail too, as for a single force logout.
    const ended = await service.listAuditEvents(T, { actions: ['session_ended'], userId: 'u_cy' });
    expect(ended.items.filter((e) => e.endReason === 'force_logout')).toHaveLength(3);
    // Another action's events stay apart.
    const other = await service.bulk.execute(T, { userIds: ['u_bob'] }, 'Other', admin);
    expect((await service.listAuditEvents(T, { bulkId: other.bulkId })).total).toBe(2);
    expect((await service.listAuditEvents(T, { bulkId })).total).toBe(3);
  });

  it('refuses super users picked by an administrator who is not one, ending nothing', async () => {
    const before = await store.countActiveSessions(T);
    expect(await caught(service.bulk.execute(T, { userIds: ['u_ada', 'u_root'] }, 'x', admin))).toMatchObject(
      {
        code: 'forbidden',
        field: 'userIds',
      },
    );
    expect(await store.countActiveSessions(T)).toEqual(before);
    expect((await service.listAuditEvents(T, { actions: ['force_logout', 'bulk_force_logout'] })).total).toBe(
      0,
    );
  });

  it('leaves super users a filter matches to a super user, and counts them apart', async () => {
    const byAdmin = await service.bulk.execute(T, { filter: { q: 'sales' } }, 'Sales reorg', admin);
    expect(byAdmin).toMatchObject({ people: 2, ended: 4 });
    expect(await service.validate(secrets.get('u_root')![0]!)).toMatchObject({ status: 'active' });
    const summary = (
      await service.listAuditEvents(T, { bulkId: byAdmin.bulkId, actions: ['bulk_force_logout'] })
    ).items[0];
    expect(summary!.details).toMatchObject({ leftOut: 1, selection: 'filter' });

    await signIn('u_bob');
    const bySuper = await service.bulk.execute(T, { userIds: ['u_sam', 'u_bob'] }, 'r', root);
    expect(bySuper).toMatchObject({ people: 2, ended: 2 });
    const superSummary = (
      await service.listAuditEvents(T, { bulkId: bySuper.bulkId, actions: ['bulk_force_logout'] })
    ).items[0];
    expect(superSummary!.details).toMatchObject({ superUsers: 1, leftOut: 0 });
  });

  it('leaves the actor’s own account out, picked or matched', async () => {
    const result = await service.bulk.execute(T, { userIds: ['u_admin', 'u_ada'] }, 'x', admin);
    expect(result.people).toBe(1);
    expect(await service.validate(secrets.get('u_admin')![0]!)).toMatchObject({ status: 'active' });
    expect(await caught(service.bulk.execute(T, { userIds: ['u_admin'] }, 'x', admin))).toMatchObject({
      code: 'invalid_input',
      field: 'userIds',
    });
  });

  it('refuses bad selections and reasons naming the field, ending nothing', async () => {
    const before = await store.countActiveSessions(T);
    const cases: [unknown, unknown, string][] = [
      [{ userIds: [] }, 'x', 'userIds'],
      [{ userIds: 'u_ada' }, 'x', 'userIds'],
      [{ userIds: [42] }, 'x', 'userIds'],
      [{ userIds: Array.from({ length: MAX_BULK_PEOPLE + 1 }, (_, i) => `u_${i}`) }, 'x', 'userIds'],
      [{}, 'x', 'userIds'],
      [{ filter: { q: 7 } }, 'x', 'filter.q'],
      [{ filter: { superUser: 'yes' } }, 'x', 'filter.superUser'],
      [{ filter: { q: 'nobody-matches-this' } }, 'x', 'filter'],
      [{ userIds: ['u_ada'] }, 'x'.repeat(501), 'reason'],
    ];
    for (const [selection, reason, field] of cases) {
      const refusal = await caught(service.bulk.execute(T, selection as never, reason as string, admin));
      expect(refusal, JSON.stringify(selection)).toMatchObject({ code: 'invalid_input', field });
    }
    expect(await store.countActiveSessions(T)).toEqual(before);
  });

  it('refuses a filter that matches more people than one action takes', async () => {
    for (let i = 0; i <= MAX_BULK_PEOPLE; i++) {
      await store.insertSessions([aSession({ tenantId: T, userId: `u_many_${i}` })]);
    }
    const refusal = await caught(service.bulk.preview(T, { filter: {} }, admin));
    expect(refusal).toMatchObject({ code: 'invalid_input', field: 'filter' });
    expect(refusal.message).toContain(String(MAX_BULK_PEOPLE));
  });

  it('ends a session that races it once, and lets a sign-in after a person’s turn stand', async () => {
    const [first] = secrets.get('u_ada')!;
    const results = await Promise.all([
      service.bulk.execute(T, { userIds: ['u_ada', 'u_cy'] }, 'race', admin),
      service.revokeAllForUser(T, 'u_ada', { actor: { userId: 'u_admin' }, reason: 'single' }),
      service.validate(first!),
    ]);
    const endedEvents = await service.listAuditEvents(T, { actions: ['session_ended'], userId: 'u_ada' });
    expect(endedEvents.total).toBe(2);
    expect(results[0].ended + results[1]).toBe(5);
    await signIn('u_ada');
    expect(await service.validate(secrets.get('u_ada')!.at(-1)!)).toMatchObject({ status: 'active' });
  });
});
