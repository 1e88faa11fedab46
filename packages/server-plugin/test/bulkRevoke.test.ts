import type { SessionStore } from '@sessionkit/core';
import { MemorySessionStore } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestHost } from './support.js';
import { TENANT, clearStore, mongoStore, openDatabase, startHost } from './support.js';

const API = '/api/sessions';
const PREVIEW = `${API}/admin/bulk-force-logout/preview`;
const EXECUTE = `${API}/admin/bulk-force-logout`;

let database: Awaited<ReturnType<typeof openDatabase>>;
beforeAll(async () => {
  database = await openDatabase('bulk_revoke');
});
afterAll(() => database.drop());

const BACKENDS: [string, () => Promise<SessionStore>][] = [
  ['the memory store', async () => new MemorySessionStore()],
  [
    'the Mongo store on FerretDB',
    async () => {
      const store = await mongoStore(database.connection);
      await clearStore(store);
      return store;
    },
  ],
];

describe.each(BACKENDS)('bulk force logout on %s', (_name, makeStore) => {
  let store: SessionStore;
  let host: TestHost;
  afterEach(() => host.close());

  async function start(): Promise<void> {
    store = await makeStore();
    host = await startHost({ store });
  }

  /** Every session and audit event of the account: "nothing changed" is equality of two. */
  async function state(): Promise<string> {
    const sessions = await store.listSessions({ tenantId: TENANT });
    const events = await store.listAuditEvents({ tenantId: TENANT });
    return JSON.stringify([sessions, events]);
  }

  async function signInTeam() {
    const ada = [await host.login('u_ada'), await host.login('u_ada', { ip: '8.8.8.8' })];
    const bob = await host.login('u_bob');
    const root2 = await host.login('u_root2');
    const admin = await host.login('u_admin');
    return { ada, bob, root2, admin };
  }

  it('previews people, sessions and super users, then forces them out with one reason and one bulk id', async () => {
    await start();
    const { ada, bob, root2 } = await signInTeam();
    const root = await host.login('u_root');

    const preview = await root.post(PREVIEW, { userIds: ['u_ada', 'u_bob', 'u_root2', 'u_root'] });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ sessions: 4, selfExcluded: true, refused: [], notSignedIn: [] });
    expect(preview.body.people.map((p: { userId: string }) => p.userId)).toEqual([
      'u_ada',
      'u_bob',
      'u_root2',
    ]);
    expect(preview.body.superUsers).toEqual([
      { userId: 'u_root2', name: 'Sam Super', superUser: true, sessions: 1 },
    ]);

    const done = await root.post(EXECUTE, {
      userIds: ['u_ada', 'u_bob', 'u_root2', 'u_root'],
      reason: 'Security incident',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ people: 3, ended: 4 });

    for (const client of [...ada, bob, root2]) {
      const refused = await client.get('/api/hello');
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({
        error: 'session_ended',
        reason: 'force_logout',
        note: 'Security incident',
      });
    }
    expect((await root.get('/api/hello')).status).toBe(200);

    const trail = await root.get(`${API}/audit-events?bulkId=${done.body.bulkId}`);
    expect(trail.headers.get('x-total-count')).toBe('4');
    const rows = trail.body.map(
      (e: { action: string; targetUserId: string | null }) => `${e.action}:${e.targetUserId}`,
    );
    expect(rows.sort()).toEqual([
      'bulk_force_logout:null',
      'force_logout:u_ada',
      'force_logout:u_bob',
      'force_logout:u_root2',
    ]);
    const summary = trail.body.find((e: { action: string }) => e.action === 'bulk_force_logout');
    expect(summary).toMatchObject({
      actorId: 'u_root',
      reason: 'Security incident',
      details: { bulkId: done.body.bulkId, people: 3, ended: 4, superUsers: 1, leftOut: 0 },
    });
    const actionOnly = await root.get(`${API}/audit-events?bulkId=${done.body.bulkId}&action=force_logout`);
    expect(actionOnly.headers.get('x-total-count')).toBe('3');
  });

  it('takes everyone the team filter matches; an administrator who is not a super user leaves super users out', async () => {
    await start();
    const { ada, root2, admin } = await signInTeam();
    // Research is Ada's department: the filter goes through the directory's search, as the team view's does.
    const research = await admin.post(PREVIEW, { filter: { q: 'research' } });
    expect(research.body.people.map((p: { userId: string }) => p.userId)).toEqual(['u_ada']);
    const preview = await admin.post(PREVIEW, { filter: {} });
    expect(preview.body.people.map((p: { userId: string }) => p.userId).sort()).toEqual(['u_ada', 'u_bob']);
    expect(preview.body.refused.map((p: { userId: string }) => p.userId)).toEqual(['u_root2']);
    expect(preview.body.selfExcluded).toBe(true);

    const done = await admin.post(EXECUTE, { filter: {}, reason: 'Reorg' });
    expect(done.body).toMatchObject({ people: 2, ended: 3 });
    expect((await ada[0]!.get('/api/hello')).status).toBe(401);
    expect((await root2.get('/api/hello')).status).toBe(200);
    expect((await admin.get('/api/hello')).status).toBe(200);
  });

  it('refuses super users picked by an administrator who is not one, changing nothing', async () => {
    await start();
    const { admin } = await signInTeam();
    const before = await state();
    const refused = await admin.post(EXECUTE, { userIds: ['u_ada', 'u_root2'], reason: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', field: 'userIds' });
    expect(refused.body.message).toContain('Sam Super');
    expect(await state()).toBe(before);
  });

  it('is for administrators, needs the CSRF token, and refuses bad input naming the field, changing nothing', async () => {
    await start();
    const { ada, admin } = await signInTeam();
    const before = await state();
    expect((await ada[0]!.post(PREVIEW, { userIds: ['u_bob'] })).status).toBe(403);
    expect((await ada[0]!.post(EXECUTE, { userIds: ['u_bob'], reason: 'x' })).status).toBe(403);
    expect((await host.anonymous().post(EXECUTE, { userIds: ['u_bob'], reason: 'x' })).status).toBe(401);
    const noCsrf = await admin.request('POST', EXECUTE, {
      body: { userIds: ['u_bob'], reason: 'x' },
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toBe('csrf');

    const bad: [unknown, string][] = [
      [{ reason: 'x' }, 'userIds'],
      [{ userIds: [], reason: 'x' }, 'userIds'],
      [{ userIds: ['u_bob'], filter: {}, reason: 'x' }, 'userIds'],
      [{ userIds: ['u_bob'] }, 'reason'],
      [{ userIds: ['u_bob'], reason: '   ' }, 'reason'],
      [{ userIds: ['u_bob'], reason: 'x'.repeat(501) }, 'reason'],
      [{ userIds: ['u_nobody'], reason: 'x' }, 'userIds'],
      [{ userIds: ['u_admin'], reason: 'x' }, 'userIds'],
      [{ filter: { q: 'zzz-nobody' }, reason: 'x' }, 'filter'],
      [{ filter: { q: 5 }, reason: 'x' }, 'filter.q'],
      [{ userIds: ['u_bob'], reason: 'x', everyone: true }, 'everyone'],
    ];
    for (const [body, field] of bad) {
      const reply = await admin.post(EXECUTE, body);
      expect(reply.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(reply.status, JSON.stringify(body)).toBeLessThan(500);
      expect(reply.body.field, JSON.stringify(body)).toBe(field);
    }
    const raw = await admin.request('POST', EXECUTE, { rawBody: '{"userIds":["u_bob"],' });
    expect(raw.status).toBe(400);
    expect(await state()).toBe(before);
  });

  it('a stream of requests from the people’s sessions never undoes it: every request after it answers 401', async () => {
    await start();
    const { ada, bob, admin } = await signInTeam();
    const affected = [...ada, bob];
    let revoked = false;
    const afterRevoke: number[] = [];
    let servedDuring = 0;
    // Each client keeps sending until the revoke has answered, then sends once more.
    const streams = affected.map(async (client) => {
      while (!revoked) {
        // Time moves, so that touches are due and race the ends.
        host.clock.advance(5_000);
        const status = (await client.get('/api/hello')).status;
        expect([200, 401]).toContain(status);
        if (status === 200) servedDuring++;
      }
      afterRevoke.push((await client.get('/api/hello')).status);
      afterRevoke.push((await client.post('/api/hello', {})).status);
    });
    const done = await admin.post(EXECUTE, { userIds: ['u_ada', 'u_bob'], reason: 'race' });
    revoked = true;
    await Promise.all(streams);
    expect(done.body).toMatchObject({ people: 2, ended: 3 });
    expect(afterRevoke).toEqual(Array(6).fill(401));
    // The stream really ran beside the action.
    expect(servedDuring).toBeGreaterThan(0);
    for (const client of affected) {
      const session = await store.findSessionById(TENANT, client.sessionId ?? '');
      expect(session).toMatchObject({ status: 'ended', endReason: 'force_logout', endNote: 'race' });
    }
    const active = await store.listSessions({ tenantId: TENANT, status: 'active' });
    expect(active.items.map((s) => s.userId).sort()).toEqual(['u_admin', 'u_root2']);
  });

  it('racing the people’s own new logins, it ends each session once and leaves the later sign-ins coherent', async () => {
    await start();
    const { admin } = await signInTeam();
    const before = (await store.listSessions({ tenantId: TENANT, status: 'active' })).items
      .filter((s) => s.userId === 'u_ada' || s.userId === 'u_bob')
      .map((s) => s.id);
    const [done, ...late] = await Promise.all([
      admin.post(EXECUTE, { userIds: ['u_ada', 'u_bob'], reason: 'race' }),
      host.login('u_ada'),
      host.login('u_bob'),
      host.login('u_ada'),
    ]);
    expect(done!.status).toBe(200);
    // Every session that existed when the action began has ended.
    for (const id of before) expect((await store.findSessionById(TENANT, id))?.status).toBe('ended');
    // A login that raced it is either a new sign-in that stands, or ended by it with the reason: never half.
    for (const client of late) {
      const reply = await (client as Client).get('/api/hello');
      const session = await store.findSessionById(TENANT, (client as Client).sessionId ?? '');
      if (reply.status === 200) expect(session?.status).toBe('active');
      else expect(session).toMatchObject({ status: 'ended', endReason: 'force_logout' });
    }
    const ended = await store.listAuditEvents({ tenantId: TENANT, actions: ['session_ended'] });
    const perSession = new Map<string, number>();
    for (const e of ended.items)
      perSession.set(e.sessionId ?? '', (perSession.get(e.sessionId ?? '') ?? 0) + 1);
    expect([...perSession.values()].every((n) => n === 1)).toBe(true);
    expect(ended.total).toBe((done as { body: { ended: number } }).body.ended);
    const people = await store.listAuditEvents({
      tenantId: TENANT,
      bulkId: (done as { body: { bulkId: string } }).body.bulkId,
      actions: ['force_logout'],
    });
    expect(people.items.map((e) => e.targetUserId).sort()).toEqual(['u_ada', 'u_bob']);
  });
});
