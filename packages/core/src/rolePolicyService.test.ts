import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, ManualClock } from './clock.js';
import { MemorySessionStore } from './memoryStore.js';
import type { SessionServiceOptions } from './sessionService.js';
import { SessionService } from './sessionService.js';
import type { DirectoryUser, UserDirectory } from './userDirectory.js';

// Role policies in the session lifecycle: what the per-request check, logins, lists and the sweeper apply.

const admin = { userId: 'u_root' };
let clock: ManualClock;
let store: MemorySessionStore;
let people: Map<string, DirectoryUser>;
let directoryReads: number;
let service: SessionService;

const directory: UserDirectory = {
  async getUsers(tenantId, ids) {
    directoryReads++;
    return ids.flatMap((id) => {
      const user = people.get(id);
      return user && user.tenantId === tenantId ? [structuredClone(user)] : [];
    });
  },
};

function make(options: Partial<SessionServiceOptions> = {}) {
  return new SessionService({
    store,
    clock,
    directory,
    policyDefaults: {
      concurrentSessions: { enabled: true, max: 5, onExceed: 'evict_oldest' },
      idleTimeout: { enabled: true, value: 7, unit: 'days' },
      rememberMe: { allowed: true, rememberedDays: 30, standardDays: 3 },
    },
    ...options,
  });
}

beforeEach(() => {
  clock = new ManualClock('2026-03-02T10:00:00.000Z');
  store = new MemorySessionStore();
  directoryReads = 0;
  people = new Map(
    [
      { id: 'u_ada', tenantId: 't', name: 'Ada', role: 'user' },
      { id: 'u_root', tenantId: 't', name: 'Root', role: 'admin' },
      { id: 'u_eve', tenantId: 't', name: 'Eve', role: 'user', roles: ['admin'] },
    ].map((u) => [u.id, u]),
  );
  service = make();
});

async function login(userId: string, on: SessionService = service) {
  const result = await on.issue({ tenantId: 't', userId, ip: '81.2.69.142' });
  if (result.status !== 'issued') throw new Error(`expected a session, got ${result.status}`);
  return result;
}

const adminsIdle30Minutes = { roles: { admin: { idleTimeout: { value: 30, unit: 'minutes' } } } };

describe('role policies at the per-request check', () => {
  it("ends an administrator's idle session by the role's timeout while a user's goes on", async () => {
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    const root = await login('u_root');
    const ada = await login('u_ada');
    clock.advance(31 * MINUTE);
    expect(await service.validate(root.secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
    expect(await service.validate(ada.secret)).toMatchObject({ status: 'active' });
  });

  it("ends an administrator's session after the role's 8-hour lifetime while a user's goes on", async () => {
    await service.updatePolicy(
      't',
      { roles: { admin: { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } } } },
      admin,
    );
    const root = await login('u_root');
    const ada = await login('u_ada');
    clock.advance(8 * HOUR - 1);
    expect(await service.validate(root.secret)).toMatchObject({ status: 'active' });
    clock.advance(1);
    expect(await service.validate(root.secret)).toMatchObject({ status: 'ended', reason: 'expired' });
    expect(await service.validate(ada.secret)).toMatchObject({ status: 'active' });
    const effective = await service.effectivePolicyFor('t', 'u_root');
    expect(effective.policy.rememberMe.standardLifetime).toEqual({ value: 8, unit: 'hours' });
    expect(effective.sources['rememberMe.standardLifetime']).toEqual({ from: 'role', role: 'admin' });
  });

  it("hands the request the person's own policy, so touches follow the role's timeout", async () => {
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    const root = await login('u_root');
    const checked = await service.validate(root.secret);
    expect(checked.status === 'active' && checked.policy.idleTimeout).toEqual({
      enabled: true,
      value: 30,
      unit: 'minutes',
    });
  });

  it("applies a changed role policy to that role's sessions at their next request", async () => {
    const root = await login('u_root');
    const eve = await login('u_eve');
    const ada = await login('u_ada');
    clock.advance(45 * MINUTE);
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    expect(await service.validate(root.secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
    // Eve's directory role is "user", her further roles hold "admin": the override reaches her too.
    expect(await service.validate(eve.secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
    expect(await service.validate(ada.secret)).toMatchObject({ status: 'active' });
  });

  it('reaches another instance on the same store within its policy cache bound, as the account policy does', async () => {
    const other = make({ policyCacheMs: 5_000 });
    const root = await login('u_root');
    expect((await other.validate(root.secret)).status).toBe('active');
    clock.advance(45 * MINUTE);
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    // The other instance read the policy 45 minutes ago: its cache is stale, so it reads it again now.
    expect(await other.validate(root.secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
  });

  it('lets another instance use the role policy it read for at most policyCacheMs', async () => {
    const other = make({ policyCacheMs: 5_000 });
    const root = await login('u_root');
    clock.advance(31 * MINUTE);
    // Checks that don't count as activity, so that only the policy decides.
    const peek = { touch: false };
    expect((await other.validate(root.secret, peek)).status).toBe('active');
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    clock.advance(4_999);
    expect((await other.validate(root.secret, peek)).status).toBe('active');
    clock.advance(1);
    expect(await other.validate(root.secret, peek)).toMatchObject({
      status: 'ended',
      reason: 'idle_timeout',
    });
  });

  it("reaches a person's new role within directoryCacheMs", async () => {
    service = make({ directoryCacheMs: 5_000 });
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    const ada = await login('u_ada');
    clock.advance(29 * MINUTE);
    expect((await service.validate(ada.secret)).status).toBe('active');
    people.set('u_ada', { ...people.get('u_ada')!, role: 'admin' });
    clock.advance(60_000);
    // Her last request moved her last-seen time; 31 idle minutes later the new role's timeout ends it.
    clock.advance(31 * MINUTE);
    expect(await service.validate(ada.secret)).toMatchObject({ status: 'ended', reason: 'idle_timeout' });
  });

  it('asks the directory nothing while no role has an override, and once per directoryCacheMs after', async () => {
    service = make({ directoryCacheMs: 5_000 });
    const root = await login('u_root');
    for (let i = 0; i < 5; i++) await service.validate(root.secret);
    expect(directoryReads).toBe(0);
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    for (let i = 0; i < 5; i++) await service.validate(root.secret);
    expect(directoryReads).toBe(1);
    clock.advance(5_000);
    await service.validate(root.secret);
    expect(directoryReads).toBe(2);
  });
});

describe('role policies at sign-in, in lists and in the sweeper', () => {
  it("holds an administrator to the role's limit of 2 while users keep the account's 5", async () => {
    await service.updatePolicy('t', { roles: { admin: { concurrentSessions: { max: 2 } } } }, admin);
    const first = await login('u_root');
    clock.advance(MINUTE);
    await login('u_root');
    clock.advance(MINUTE);
    const third = await login('u_root');
    expect(third.evicted.map((s) => s.id)).toEqual([first.session.id]);
    for (let i = 0; i < 4; i++) await login('u_ada');
    expect((await service.listUserSessions('t', 'u_ada')).length).toBe(4);
  });

  it("ends an administrator's oldest sessions beyond a role limit lowered to 2, at once", async () => {
    const oldest = await login('u_root');
    clock.advance(MINUTE);
    await login('u_root');
    clock.advance(MINUTE);
    await login('u_root');
    for (let i = 0; i < 3; i++) await login('u_ada');
    await service.updatePolicy('t', { roles: { admin: { concurrentSessions: { max: 2 } } } }, admin);
    expect(await service.validate(oldest.secret)).toMatchObject({
      status: 'ended',
      reason: 'concurrency_limit',
    });
    expect((await service.listUserSessions('t', 'u_root')).length).toBe(2);
    expect((await service.listUserSessions('t', 'u_ada')).length).toBe(3);
  });

  it("shows an administrator's session that lapsed under the role as ended in the admin list", async () => {
    const root = await login('u_root');
    await login('u_ada');
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    clock.advance(HOUR);
    const { items } = await service.listSessions('t', {});
    expect(items.find((s) => s.id === root.session.id)).toMatchObject({
      status: 'ended',
      endReason: 'idle_timeout',
    });
    expect(items.filter((s) => s.status === 'active')).toHaveLength(1);
  });

  it("sweeps sessions idle past their role's timeout though the account's is longer", async () => {
    await login('u_root');
    await login('u_ada');
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    clock.advance(HOUR);
    expect((await service.sweep()).ended).toBe(1);
    expect(
      (await store.listSessions({ tenantId: 't', status: 'active' })).items.map((s) => s.userId),
    ).toEqual(['u_ada']);
  });

  it('writes the changed override to the audit trail, and its removal', async () => {
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    clock.advance(MINUTE);
    await service.updatePolicy('t', { roles: {} }, admin);
    const { items } = await store.listAuditEvents({ tenantId: 't', actions: ['policy_updated'] });
    expect(items.map((e) => e.details)).toEqual([
      { 'roles.admin': 'removed' },
      { 'roles.admin': JSON.stringify(adminsIdle30Minutes.roles.admin) },
    ]);
  });

  it('tells a person their effective policy and where each value comes from', async () => {
    await service.updatePolicy('t', adminsIdle30Minutes, admin);
    const effective = await service.effectivePolicyFor('t', 'u_root');
    expect(effective.roles).toEqual(['admin']);
    expect(effective.sources['idleTimeout.value']).toEqual({ from: 'role', role: 'admin' });
    expect(effective.sources['concurrentSessions.max']).toEqual({ from: 'account', role: null });
    expect((await service.effectivePolicyFor('t', 'u_ada')).roles).toEqual([]);
  });
});

describe('a role policy change racing requests', () => {
  it("expires every administrator session past the role's new lifetime from the change on, once each", async () => {
    service = make({
      policyDefaults: { rememberMe: { allowed: true, rememberedDays: 30, standardDays: 3 } },
    });
    const roots = [];
    for (let i = 0; i < 20; i++) roots.push(await login('u_root'));
    const users = [];
    for (let i = 0; i < 5; i++) users.push(await login('u_ada'));
    // Two days in: within the account's three-day lifetime, past the one day the change gives administrators.
    clock.advance(2 * DAY);
    const all = [...roots, ...users];
    // A stream of requests from both roles, with the change saved in the middle of it.
    const before = all.map((s) => service.validate(s.secret));
    const change = service.updatePolicy(
      't',
      { roles: { admin: { rememberMe: { standardDays: 1 } } } },
      admin,
    );
    const during = all.map((s) => service.validate(s.secret));
    await change;
    const after = await Promise.all(all.map((s) => service.validate(s.secret)));
    const settled = await Promise.all([...before, ...during]);
    // Those that began before the change may go either way, never anything else.
    const outcomes = new Set(settled.map((v) => (v.status === 'ended' ? v.reason : v.status)));
    expect([...outcomes].filter((o) => o !== 'active' && o !== 'expired')).toEqual([]);
    // Every request that began after the change was saved sees it; the users' sessions are untouched.
    expect(after.slice(0, roots.length).map((v) => v.status === 'ended' && v.reason)).toEqual(
      roots.map(() => 'expired'),
    );
    expect(after.slice(roots.length).map((v) => v.status)).toEqual(users.map(() => 'active'));
    const ends = await store.listAuditEvents({ tenantId: 't', actions: ['session_ended'] });
    expect(ends.items.map((e) => e.sessionId).sort()).toEqual(roots.map((r) => r.session.id).sort());
  });
});
