import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../clock.js';
import type { SessionQuery, SessionStore } from '../store.js';
import { aSession, anAuditEvent } from './builders.js';
import type { StoreContractOptions } from './contractSupport.js';
import { aSessionRef, at } from './contractSupport.js';

/** What the admin and account views read: the `AdminViewStore` part. */
export function adminViewsContract(options: StoreContractOptions): void {
  describe('admin views', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });

    describe('session lists', () => {
      it('lists newest first by default, ties broken by id, with a total', async () => {
        const a = aSession({ id: 'ses_a', createdAt: at(0) });
        const b = aSession({ id: 'ses_b', createdAt: at(MINUTE) });
        const c = aSession({ id: 'ses_c', createdAt: at(MINUTE) });
        for (const s of [a, b, c]) await store.insertSession(s);
        const page = await store.listSessions({ tenantId: 't_acme' });
        expect(page.items.map((s) => s.id)).toEqual(['ses_c', 'ses_b', 'ses_a']);
        expect(page.total).toBe(3);
      });

      it('sorts by last seen ascending and pages with offset and limit', async () => {
        for (let i = 0; i < 5; i++) {
          await store.insertSession(
            aSession({ id: `ses_${i}`, createdAt: at(0), lastSeenAt: at((5 - i) * MINUTE) }),
          );
        }
        const page = await store.listSessions({
          tenantId: 't_acme',
          sort: { field: 'lastSeenAt', order: 'asc' },
          offset: 1,
          limit: 2,
        });
        expect(page.items.map((s) => s.id)).toEqual(['ses_3', 'ses_2']);
        expect(page.total).toBe(5);
      });

      it('filters by user, status and last seen', async () => {
        await store.insertSession(
          aSession({ id: 'ses_old', lastSeenAt: at(-10 * DAY), createdAt: at(-10 * DAY) }),
        );
        await store.insertSession(aSession({ id: 'ses_new', lastSeenAt: at(0) }));
        await store.insertSession(aSession({ id: 'ses_bob', userId: 'u_bob' }));
        await store.insertSession(
          aSession({ id: 'ses_end', status: 'ended', endedAt: at(0), endReason: 'logout', endedBy: 'u_ada' }),
        );
        await store.insertSession(aSession({ id: 'ses_t2', tenantId: 't_other' }));
        const ids = async (q: Parameters<SessionStore['listSessions']>[0]) =>
          (await store.listSessions(q)).items.map((s) => s.id).sort();
        expect(await ids({ tenantId: 't_acme', userId: 'u_ada' })).toEqual(['ses_end', 'ses_new', 'ses_old']);
        expect(await ids({ tenantId: 't_acme', userId: 'u_ada', status: 'active' })).toEqual([
          'ses_new',
          'ses_old',
        ]);
        expect(await ids({ tenantId: 't_acme', status: 'ended' })).toEqual(['ses_end']);
        expect(await ids({ tenantId: 't_acme', userId: 'u_ada', seenSince: at(-7 * DAY) })).toEqual([
          'ses_end',
          'ses_new',
        ]);
      });

      it('folds active sessions per user for the team view, and counts them', async () => {
        const ada1 = aSession({ userId: 'u_ada', createdAt: at(0), lastSeenAt: at(3 * HOUR), ip: '1.1.1.1' });
        await store.insertSession(ada1);
        await store.insertSession(
          aSession({ userId: 'u_ada', createdAt: at(HOUR), lastSeenAt: at(2 * HOUR), ip: '2.2.2.2' }),
        );
        await store.insertSession(
          aSession({ userId: 'u_bob', createdAt: at(0), lastSeenAt: at(0), ip: '3.3.3.3' }),
        );
        await store.insertSession(
          aSession({ userId: 'u_cy', status: 'ended', endedAt: at(0), endReason: 'logout', endedBy: null }),
        );
        await store.insertSession(aSession({ userId: 'u_dee', tenantId: 't_other' }));
        const { items, total } = await store.listActiveUsers({ tenantId: 't_acme' });
        expect(total).toBe(2);
        expect(items).toEqual([
          {
            userId: 'u_ada',
            activeSessions: 2,
            lastLoginAt: at(HOUR),
            lastLoginIp: '2.2.2.2',
            lastActiveAt: at(3 * HOUR),
          },
          {
            userId: 'u_bob',
            activeSessions: 1,
            lastLoginAt: at(0),
            lastLoginIp: '3.3.3.3',
            lastActiveAt: at(0),
          },
        ]);
        expect(await store.countActiveSessions('t_acme')).toEqual({ users: 2, sessions: 3 });

        // The rows follow activity and ends.
        await store.touchSession(ada1.tokenHash, {
          lastSeenAt: at(5 * HOUR),
          lastIp: '1.1.1.1',
          addActions: 1,
          lastPath: null,
        });
        expect(
          (await store.listActiveUsers({ tenantId: 't_acme', limit: 1 })).items[0]?.lastActiveAt,
        ).toEqual(at(5 * HOUR));
        await store.endSession(ada1, { endedAt: at(6 * HOUR), endReason: 'logout', endedBy: 'u_ada' });
        const [ada] = (await store.listActiveUsers({ tenantId: 't_acme', userIds: ['u_ada'] })).items;
        expect(ada).toEqual({
          userId: 'u_ada',
          activeSessions: 1,
          lastLoginAt: at(HOUR),
          lastLoginIp: '2.2.2.2',
          lastActiveAt: at(2 * HOUR),
        });
        expect(await store.countActiveSessions('t_acme')).toEqual({ users: 2, sessions: 2 });
        expect(await store.countActiveSessions('t_nobody')).toEqual({ users: 0, sessions: 0 });
      });

      it('sorts, filters and pages the team view', async () => {
        // u_0 was active last, u_4 logged in last, u_2 holds the most sessions.
        for (let i = 0; i < 5; i++) {
          await store.insertSession(
            aSession({
              userId: `u_${i}`,
              createdAt: at(i * MINUTE),
              lastSeenAt: at((10 - i) * HOUR),
            }),
          );
        }
        await store.insertSession(aSession({ userId: 'u_2', createdAt: at(0), lastSeenAt: at(0) }));
        const ids = async (q: Omit<Parameters<SessionStore['listActiveUsers']>[0], 'tenantId'>) => {
          const page = await store.listActiveUsers({ tenantId: 't_acme', ...q });
          return [page.items.map((r) => r.userId), page.total];
        };
        expect(await ids({ limit: 2 })).toEqual([['u_0', 'u_1'], 5]);
        expect(await ids({ offset: 2, limit: 2 })).toEqual([['u_2', 'u_3'], 5]);
        expect(await ids({ sort: { field: 'lastActiveAt', order: 'asc' }, limit: 2 })).toEqual([
          ['u_4', 'u_3'],
          5,
        ]);
        expect(await ids({ sort: { field: 'lastLoginAt', order: 'desc' }, limit: 1 })).toEqual([['u_4'], 5]);
        expect(await ids({ sort: { field: 'activeSessions', order: 'desc' }, limit: 1 })).toEqual([
          ['u_2'],
          5,
        ]);
        expect(await ids({ userIds: ['u_3', 'u_1', 'u_nobody'] })).toEqual([['u_1', 'u_3'], 2]);
        expect(await ids({ excludeUserIds: ['u_0'], limit: 1 })).toEqual([['u_1'], 4]);
        expect(await ids({ userIds: [] })).toEqual([[], 0]);
      });

      it('pages the account’s sessions newest first, active and ended together, with exact totals', async () => {
        for (let i = 0; i < 6; i++) {
          await store.insertSession(
            aSession(
              i % 2 === 0
                ? { id: `ses_${i}`, createdAt: at(i * MINUTE) }
                : {
                    id: `ses_${i}`,
                    createdAt: at(i * MINUTE),
                    status: 'ended',
                    endedAt: at(HOUR),
                    endReason: 'logout',
                    endedBy: 'u_ada',
                  },
            ),
          );
        }
        // An import may arrive out of order; the order is by creation time all the same.
        await store.insertSession(aSession({ id: 'ses_early', createdAt: at(-MINUTE) }));
        const page = async (q: Omit<SessionQuery, 'tenantId'>) => {
          const p = await store.listSessions({ tenantId: 't_acme', ...q });
          return [p.items.map((s) => s.id), p.total];
        };
        expect(await page({ limit: 3 })).toEqual([['ses_5', 'ses_4', 'ses_3'], 7]);
        expect(await page({ offset: 3, limit: 3 })).toEqual([['ses_2', 'ses_1', 'ses_0'], 7]);
        expect(await page({ status: 'active', limit: 2 })).toEqual([['ses_4', 'ses_2'], 4]);
        expect(await page({ status: 'ended', offset: 1, limit: 5 })).toEqual([['ses_3', 'ses_1'], 3]);
        expect(await page({ sort: { field: 'createdAt', order: 'asc' }, limit: 2 })).toEqual([
          ['ses_early', 'ses_0'],
          7,
        ]);
        await store.endSession(aSessionRef('ses_4', await store.findSessionById('t_acme', 'ses_4')), {
          endedAt: at(2 * HOUR),
          endReason: 'revoked',
          endedBy: 'u_admin',
        });
        expect(await page({ status: 'active', limit: 5 })).toEqual([['ses_2', 'ses_0', 'ses_early'], 3]);
        expect(await page({ status: 'ended', limit: 1 })).toEqual([['ses_5'], 4]);
      });
    });

    describe('audit events', () => {
      it('lists newest first, filtered by user (target or actor), actions and period, paged', async () => {
        await store.appendAuditEvent(anAuditEvent({ id: 'evt_1', at: at(0), action: 'login' }));
        await store.appendAuditEvent(
          anAuditEvent({ id: 'evt_2', at: at(HOUR), action: 'session_ended', endReason: 'logout' }),
        );
        await store.appendAuditEvent(
          anAuditEvent({
            id: 'evt_3',
            at: at(2 * HOUR),
            action: 'force_logout',
            actorId: 'u_admin',
            targetUserId: 'u_bob',
            reason: 'left',
          }),
        );
        await store.appendAuditEvent(anAuditEvent({ id: 'evt_4', at: at(3 * HOUR), tenantId: 't_other' }));
        const ids = async (q: Omit<Parameters<SessionStore['listAuditEvents']>[0], 'tenantId'>) =>
          (await store.listAuditEvents({ tenantId: 't_acme', ...q })).items.map((e) => e.id);
        expect(await ids({})).toEqual(['evt_3', 'evt_2', 'evt_1']);
        expect(await ids({ userId: 'u_bob' })).toEqual(['evt_3']);
        expect(await ids({ userId: 'u_admin' })).toEqual(['evt_3']);
        expect(await ids({ actions: ['login', 'session_ended'] })).toEqual(['evt_2', 'evt_1']);
        expect(await ids({ from: at(HOUR), to: at(2 * HOUR) })).toEqual(['evt_2']);
        const page = await store.listAuditEvents({ tenantId: 't_acme', offset: 1, limit: 1 });
        expect(page).toMatchObject({ total: 3, items: [{ id: 'evt_2', endReason: 'logout' }] });
      });

      it('lists the events of one bulk action by its id, with the other filters', async () => {
        const bulk = (id: string, bulkId: string, extra: Partial<Parameters<typeof anAuditEvent>[0]> = {}) =>
          store.appendAuditEvent(anAuditEvent({ id, action: 'force_logout', details: { bulkId }, ...extra }));
        await bulk('evt_a', 'blk_1', { at: at(0), targetUserId: 'u_ada' });
        await bulk('evt_b', 'blk_1', { at: at(MINUTE), targetUserId: 'u_bob' });
        await bulk('evt_c', 'blk_1', { at: at(2 * MINUTE), action: 'bulk_force_logout', targetUserId: null });
        await bulk('evt_d', 'blk_2', { at: at(3 * MINUTE) });
        await bulk('evt_e', 'blk_1', { at: at(4 * MINUTE), tenantId: 't_other' });
        await store.appendAuditEvent(anAuditEvent({ id: 'evt_f', at: at(5 * MINUTE) }));
        const ids = async (q: Omit<Parameters<SessionStore['listAuditEvents']>[0], 'tenantId'>) =>
          (await store.listAuditEvents({ tenantId: 't_acme', ...q })).items.map((e) => e.id);
        expect(await ids({ bulkId: 'blk_1' })).toEqual(['evt_c', 'evt_b', 'evt_a']);
        expect(await ids({ bulkId: 'blk_1', actions: ['force_logout'] })).toEqual(['evt_b', 'evt_a']);
        expect(await ids({ bulkId: 'blk_1', userId: 'u_bob' })).toEqual(['evt_b']);
        expect(await ids({ bulkId: 'blk_none' })).toEqual([]);
        expect((await store.listAuditEvents({ tenantId: 't_acme', bulkId: 'blk_1', limit: 1 })).total).toBe(
          3,
        );
      });

      it('keeps an event whole', async () => {
        const e = anAuditEvent({
          details: { ended: 3, note: 'x', flag: true, none: null },
          reason: 'Lost laptop',
        });
        await store.appendAuditEvent(e);
        expect((await store.listAuditEvents({ tenantId: 't_acme' })).items[0]).toEqual(e);
      });
    });
  });
}
