import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../clock.js';
import { isSessionKitError } from '../errors.js';
import type { SessionStore } from '../store.js';
import { hashSecret } from '../tokens.js';
import { aSession } from './builders.js';
import type { StoreContractOptions } from './contractSupport.js';
import { at } from './contractSupport.js';
import { serviceOverStoreContract } from './serviceOverStoreContract.js';
import { slotsContract } from './slotsContract.js';

/** Sessions as they live and end: the `LifecycleStore` part. */
export function lifecycleContract(options: StoreContractOptions): void {
  const raceSize = options.raceSize ?? 25;

  describe('lifecycle', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });

    describe('sessions', () => {
      it('reads back a session by id with every field and real dates', async () => {
        const s = aSession({
          client: { name: 'Fleet', deviceName: "Ada's iPhone" },
          activity: { actions: 3, lastPath: '/x' },
        });
        await store.insertSession(s);
        const found = await store.findSessionById('t_acme', s.id);
        expect(found).toEqual(s);
        expect(found?.createdAt).toBeInstanceOf(Date);
      });

      it('reads the live part of an active session by token hash', async () => {
        const s = aSession({ slot: 1, activity: { actions: 3, lastPath: '/x' } });
        await store.insertSession(s);
        expect(await store.findLiveSession(s.tokenHash)).toEqual({
          id: s.id,
          tokenHash: s.tokenHash,
          userId: s.userId,
          tenantId: s.tenantId,
          kind: s.kind,
          ip: s.ip,
          lastIp: s.lastIp,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          rememberMe: s.rememberMe,
          activity: s.activity,
          slot: 1,
        });
      });

      it('answers null for an unknown token hash', async () => {
        expect(await store.findLiveSession(hashSecret('nope'))).toBeNull();
        expect(await store.findSessionEnd(hashSecret('nope'))).toBeNull();
      });

      it('imports sessions in bulk, active and ended', async () => {
        const live = aSession({ id: 'ses_live' });
        const ended = aSession({
          id: 'ses_gone',
          status: 'ended',
          endedAt: at(0),
          endReason: 'logout',
          endedBy: 'u_ada',
        });
        await store.insertSessions([live, ended]);
        expect((await store.findLiveSession(live.tokenHash))?.id).toBe('ses_live');
        expect(await store.findLiveSession(ended.tokenHash)).toBeNull();
        expect(await store.findSessionEnd(ended.tokenHash)).toMatchObject({
          id: 'ses_gone',
          endReason: 'logout',
        });
        expect((await store.listSessions({ tenantId: 't_acme' })).total).toBe(2);
      });

      it('lists one user’s live sessions oldest first', async () => {
        await store.insertSession(aSession({ id: 'ses_2', createdAt: at(MINUTE) }));
        await store.insertSession(aSession({ id: 'ses_1', createdAt: at(0) }));
        await store.insertSession(aSession({ id: 'ses_bob', userId: 'u_bob' }));
        await store.insertSession(
          aSession({ id: 'ses_end', status: 'ended', endedAt: at(0), endReason: 'logout', endedBy: null }),
        );
        expect((await store.listLiveSessions('t_acme', 'u_ada')).map((s) => s.id)).toEqual([
          'ses_1',
          'ses_2',
        ]);
      });

      it('finds a session by public id only within its tenant', async () => {
        const s = aSession();
        await store.insertSession(s);
        expect((await store.findSessionById('t_acme', s.id))?.tokenHash).toBe(s.tokenHash);
        expect(await store.findSessionById('t_other', s.id)).toBeNull();
      });

      it('refuses a second session with the same token hash', async () => {
        const s = aSession();
        await store.insertSession(s);
        const error = await store
          .insertSession(aSession({ tokenHash: s.tokenHash }))
          .catch((e: unknown) => e);
        expect(isSessionKitError(error, 'invalid_input')).toBe(true);
      });

      it('records activity on an active session', async () => {
        const s = aSession({ activity: { actions: 2, lastPath: '/a' } });
        await store.insertSession(s);
        await store.touchSession(s.tokenHash, {
          lastSeenAt: at(HOUR),
          lastIp: '8.8.8.8',
          addActions: 5,
          lastPath: '/b',
        });
        const live = await store.findLiveSession(s.tokenHash);
        expect(live?.lastSeenAt).toEqual(at(HOUR));
        expect(live?.activity).toEqual({ actions: 7, lastPath: '/b' });
        const found = await store.findSessionById('t_acme', s.id);
        expect(found?.lastSeenAt).toEqual(at(HOUR));
        expect(found?.lastIp).toBe('8.8.8.8');
        expect(found?.activity).toEqual({ actions: 7, lastPath: '/b' });
        expect(found?.ip).toBe(s.ip);
      });

      it('keeps the last path when a touch brings none', async () => {
        const s = aSession({ activity: { actions: 1, lastPath: '/a' } });
        await store.insertSession(s);
        await store.touchSession(s.tokenHash, {
          lastSeenAt: at(HOUR),
          lastIp: s.ip,
          addActions: 1,
          lastPath: null,
        });
        expect((await store.findLiveSession(s.tokenHash))?.activity).toEqual({
          actions: 2,
          lastPath: '/a',
        });
      });

      it('does not touch an ended session', async () => {
        const s = aSession({ status: 'ended', endedAt: at(0), endReason: 'logout', endedBy: 'u_ada' });
        await store.insertSession(s);
        await store.touchSession(s.tokenHash, {
          lastSeenAt: at(HOUR),
          lastIp: '8.8.8.8',
          addActions: 1,
          lastPath: '/b',
        });
        expect((await store.findSessionById('t_acme', s.id))?.lastSeenAt).toEqual(s.lastSeenAt);
        expect(await store.findLiveSession(s.tokenHash)).toBeNull();
      });

      it('ends an active session once; the next read sees it ended; a second end reports nothing', async () => {
        const s = aSession();
        await store.insertSession(s);
        const ended = await store.endSession(s, {
          endedAt: at(HOUR),
          endReason: 'force_logout',
          endedBy: 'u_admin',
          note: 'Lost laptop',
        });
        expect(ended).toMatchObject({
          id: s.id,
          status: 'ended',
          endReason: 'force_logout',
          endedBy: 'u_admin',
          endedAt: at(HOUR),
          endNote: 'Lost laptop',
        });
        expect(await store.findLiveSession(s.tokenHash)).toBeNull();
        expect(await store.findSessionEnd(s.tokenHash)).toMatchObject({
          id: s.id,
          userId: s.userId,
          endReason: 'force_logout',
          note: 'Lost laptop',
        });
        expect(await store.findSessionById('t_acme', s.id)).toMatchObject({
          status: 'ended',
          endNote: 'Lost laptop',
        });
        expect(
          await store.endSession(s, { endedAt: at(2 * HOUR), endReason: 'logout', endedBy: null }),
        ).toBeNull();
        expect((await store.findSessionById('t_acme', s.id))?.endReason).toBe('force_logout');
        expect((await store.findSessionEnd(s.tokenHash))?.endReason).toBe('force_logout');
      });

      it('keeps no note when an ending gives none', async () => {
        const s = aSession();
        await store.insertSession(s);
        await store.endSession(s, { endedAt: at(HOUR), endReason: 'logout', endedBy: 'u_ada' });
        expect((await store.findSessionById('t_acme', s.id))?.endNote).toBeNull();
        expect((await store.findSessionEnd(s.tokenHash))?.note).toBeNull();
      });

      it('answers null when ending an unknown session', async () => {
        expect(
          await store.endSession(
            { id: 'ses_x', tokenHash: hashSecret('x'), tenantId: 't_acme', userId: 'u_ada' },
            { endedAt: at(0), endReason: 'logout', endedBy: null },
          ),
        ).toBeNull();
        expect(await store.findSessionEnd(hashSecret('x'))).toBeNull();
      });

      it('keeps the last activity on the ended record', async () => {
        const s = aSession();
        await store.insertSession(s);
        await store.touchSession(s.tokenHash, {
          lastSeenAt: at(HOUR),
          lastIp: '8.8.8.8',
          addActions: 4,
          lastPath: '/z',
        });
        await store.endSession(s, { endedAt: at(2 * HOUR), endReason: 'logout', endedBy: 'u_ada' });
        expect(await store.findSessionById('t_acme', s.id)).toMatchObject({
          lastSeenAt: at(HOUR),
          lastIp: '8.8.8.8',
          activity: { actions: 4, lastPath: '/z' },
        });
      });

      it(`ends a session exactly once when ${raceSize} ends race`, async () => {
        const s = aSession();
        await store.insertSession(s);
        const results = await Promise.all(
          Array.from({ length: raceSize }, (_, i) =>
            store.endSession(s, {
              endedAt: at(i),
              endReason: i % 2 ? 'revoked' : 'force_logout',
              endedBy: 'u_admin',
            }),
          ),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        const end = await store.findSessionEnd(s.tokenHash);
        expect(end?.endReason).toBe(winners[0]?.endReason);
        expect((await store.findSessionById('t_acme', s.id))?.endReason).toBe(winners[0]?.endReason);
      });

      it('never brings an ended session back, however touches race the end', async () => {
        for (let round = 0; round < 5; round++) {
          const s = aSession();
          await store.insertSession(s);
          const touches = Array.from({ length: 10 }, (_, i) =>
            store.touchSession(s.tokenHash, {
              lastSeenAt: at(i * MINUTE),
              lastIp: `8.8.8.${i}`,
              addActions: 1,
              lastPath: '/t',
            }),
          );
          const ended = store.endSession(s, { endedAt: at(HOUR), endReason: 'revoked', endedBy: 'u_admin' });
          await Promise.all([...touches, ended]);
          await store.touchSession(s.tokenHash, {
            lastSeenAt: at(2 * HOUR),
            lastIp: '9.9.9.9',
            addActions: 1,
            lastPath: null,
          });
          expect(await store.findLiveSession(s.tokenHash)).toBeNull();
          expect(await store.findSessionById('t_acme', s.id)).toMatchObject({
            status: 'ended',
            endReason: 'revoked',
          });
          expect((await store.listSessions({ tenantId: 't_acme', status: 'active' })).total).toBe(0);
        }
      });

      it('moves a live session to another slot', async () => {
        const s = aSession({ slot: 3 });
        await store.insertSession(s);
        await store.setSessionSlot(s.tokenHash, 0);
        expect((await store.findLiveSession(s.tokenHash))?.slot).toBe(0);
      });

      it('lists lapse candidates in bounded batches', async () => {
        await store.insertSession(
          aSession({ id: 'ses_idle', createdAt: at(-DAY), lastSeenAt: at(-2 * HOUR) }),
        );
        await store.insertSession(aSession({ id: 'ses_old', createdAt: at(-40 * DAY), lastSeenAt: at(0) }));
        await store.insertSession(aSession({ id: 'ses_fresh', createdAt: at(-DAY), lastSeenAt: at(0) }));
        await store.insertSession(
          aSession({ id: 'ses_other', tenantId: 't_other', createdAt: at(-40 * DAY) }),
        );
        const bounds = { idleBefore: at(-HOUR), createdBefore: at(-30 * DAY) };
        const ids = (await store.listLapseCandidates('t_acme', bounds, 10)).map((s) => s.id).sort();
        expect(ids).toEqual(['ses_idle', 'ses_old']);
        expect(await store.listLapseCandidates('t_acme', bounds, 1)).toHaveLength(1);
        expect(
          (
            await store.listLapseCandidates('t_acme', { idleBefore: null, createdBefore: at(-30 * DAY) }, 10)
          ).map((s) => s.id),
        ).toEqual(['ses_old']);
      });

      it('removes only ended sessions of the tenant that ended before the cutoff', async () => {
        const ended = (id: string, endedAt: Date, tenantId = 't_acme') =>
          aSession({ id, tenantId, status: 'ended', endedAt, endReason: 'logout', endedBy: null });
        await store.insertSession(ended('ses_old', at(-40 * DAY)));
        await store.insertSession(ended('ses_recent', at(-1 * DAY)));
        await store.insertSession(ended('ses_other', at(-40 * DAY), 't_other'));
        await store.insertSession(aSession({ id: 'ses_live', createdAt: at(-90 * DAY) }));
        expect(await store.deleteEndedSessions('t_acme', at(-30 * DAY))).toBe(1);
        const left = (await store.listSessions({ tenantId: 't_acme' })).items.map((s) => s.id).sort();
        expect(left).toEqual(['ses_live', 'ses_recent']);
        expect((await store.listSessions({ tenantId: 't_other' })).total).toBe(1);
      });

      it('lists the tenants that have sessions', async () => {
        await store.insertSession(aSession({ tenantId: 't_b' }));
        await store.insertSession(aSession({ tenantId: 't_a' }));
        await store.insertSession(aSession({ tenantId: 't_a' }));
        expect((await store.listTenantIds()).sort()).toEqual(['t_a', 't_b']);
      });
    });

    describe('policies', () => {
      it('answers null for a tenant without a policy and reads back a saved one', async () => {
        expect(await store.getPolicy('t_acme')).toBeNull();
        const policy = {
          concurrentSessions: { enabled: true, max: 2, onExceed: 'deny_new' as const },
          idleTimeout: { enabled: true, value: 30, unit: 'minutes' as const },
          rememberMe: {
            allowed: false,
            rememberedLifetime: { value: 30, unit: 'days' as const },
            standardLifetime: { value: 8, unit: 'hours' as const },
          },
          retention: { endedSessionDays: 14 },
        };
        await store.savePolicy('t_acme', policy);
        await store.savePolicy('t_acme', { ...policy, retention: { endedSessionDays: 15 } });
        expect(await store.getPolicy('t_acme')).toEqual({ ...policy, retention: { endedSessionDays: 15 } });
        expect(await store.getPolicy('t_other')).toBeNull();
      });

      it('keeps role overrides with the policy, whatever characters the role names hold', async () => {
        const policy = {
          concurrentSessions: { enabled: false, max: 1, onExceed: 'evict_oldest' as const },
          idleTimeout: { enabled: true, value: 7, unit: 'days' as const },
          rememberMe: {
            allowed: true,
            rememberedLifetime: { value: 30, unit: 'days' as const },
            standardLifetime: { value: 1, unit: 'days' as const },
          },
          retention: { endedSessionDays: 30 },
          roles: {
            admin: {
              concurrentSessions: { enabled: true, max: 2 },
              idleTimeout: { value: 30, unit: 'minutes' as const },
              rememberMe: { rememberedLifetime: { value: 8, unit: 'hours' as const } },
            },
            // Dots and dollar signs are not field names a document store takes as keys.
            'ops.on-call $team': { idleTimeout: { enabled: false } },
          },
        };
        await store.savePolicy('t_acme', policy);
        expect(await store.getPolicy('t_acme')).toEqual(policy);
        await store.savePolicy('t_acme', { ...policy, roles: { admin: policy.roles.admin } });
        expect((await store.getPolicy('t_acme'))?.roles).toEqual({ admin: policy.roles.admin });
        const { roles: _roles, ...withoutRoles } = policy;
        await store.savePolicy('t_acme', withoutRoles);
        expect(await store.getPolicy('t_acme')).toEqual(withoutRoles);
      });
    });

    slotsContract(options);
    serviceOverStoreContract(options);
  });
}
