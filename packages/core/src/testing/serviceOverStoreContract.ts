import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, ManualClock } from '../clock.js';
import { isSessionKitError } from '../errors.js';
import { SessionService } from '../sessionService.js';
import type { SessionStore } from '../store.js';
import type { StoreContractOptions } from './contractSupport.js';
import { T0 } from './contractSupport.js';

/**
 * Core's service on this store: logins racing for slots from several instances, endings racing requests,
 * retention. What the port's single calls promise has to hold when the service combines them.
 */
export function serviceOverStoreContract(options: StoreContractOptions): void {
  const raceSize = options.raceSize ?? 25;
  const raceRounds = options.raceRounds ?? 20;

  describe('lifecycle over this store', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });
    const login = (service: SessionService, n = 0) =>
      service.issue({
        tenantId: 't_acme',
        userId: 'u_ada',
        ip: `81.2.69.${n % 250}`,
        userAgent: 'Mozilla/5.0',
      });

    for (const onExceed of ['evict_oldest', 'deny_new'] as const) {
      it(`leaves exactly max active sessions after ${raceSize} parallel logins under ${onExceed}`, async () => {
        const clock = new ManualClock(T0);
        const service = new SessionService({ store, clock });
        await service.updatePolicy(
          't_acme',
          { concurrentSessions: { enabled: true, max: 3, onExceed } },
          { userId: 'u_admin' },
        );
        // Five instances on one store, as behind a load balancer: logins on one instance take turns, so the
        // race between instances is what the slots must hold against.
        const instances = Array.from({ length: 5 }, () => new SessionService({ store, clock }));
        const results = await Promise.all(
          Array.from({ length: raceSize }, (_, i) => login(instances[i % instances.length] ?? service, i)),
        );
        const active = await store.listSessions({ tenantId: 't_acme', userId: 'u_ada', status: 'active' });
        expect(active.total).toBe(3);
        const issued = results.filter((r) => r.status === 'issued').length;
        if (onExceed === 'deny_new') expect(issued).toBe(3);
        else expect(issued).toBe(raceSize);
      });
    }

    it(
      `races revokes, force logouts and revoke-alls against a stream of requests (${raceRounds} rounds)`,
      async () => {
        const clock = new ManualClock(T0);
        const service = new SessionService({ store, clock, touchIntervalMs: 1_000 });
        await service.updatePolicy(
          't_acme',
          {
            concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' },
            idleTimeout: { enabled: true, value: 1, unit: 'days' },
          },
          { userId: 'u_admin' },
        );
        const signIn = async (userId: string, n: number) => {
          const r = await service.issue({
            tenantId: 't_acme',
            userId,
            ip: `81.2.69.${n % 250}`,
            userAgent: 'Mozilla/5.0',
          });
          if (r.status !== 'issued') throw new Error('login refused');
          return r;
        };
        let maxSeen = 0;
        for (let round = 0; round < raceRounds; round++) {
          const ada = [await signIn('u_ada', 1), await signIn('u_ada', 2)];
          const bob = await signIn('u_bob', 3);
          let stop = false;
          // Each session's requests arrive one after another from ever-changing IPs, with touches falling due.
          const stream = async (secret: string, seed: number) => {
            for (let i = 0; !stop && i < 40; i++) {
              if (i % 3 === 0) clock.advance(1_500);
              await service.validate(secret, { ip: `203.0.113.${(seed * 40 + i) % 250}`, path: `/p/${i}` });
            }
          };
          const watch = async () => {
            while (!stop) {
              maxSeen = Math.max(maxSeen, (await store.listLiveSessions('t_acme', 'u_ada')).length);
              await new Promise((r) => setImmediate(r));
            }
          };
          const streams = [...ada, bob].map((r, i) => stream(r.secret, i));
          const watcher = watch();
          // The administrator's action, and a login of Ada's landing in the middle of it.
          const kind = round % 3;
          const action = (async () => {
            await new Promise((r) => setImmediate(r));
            if (kind === 0) {
              // The late login may have evicted it first: then the revoke finds nothing to end (a 404), and
              // the session must be refused all the same.
              await service
                .revoke('t_acme', ada[0]?.session.id ?? '', { actor: { userId: 'u_admin' } })
                .catch((error: unknown) => {
                  if (!isSessionKitError(error, 'not_found')) throw error;
                });
              return [ada[0]?.secret ?? ''];
            }
            if (kind === 1) {
              await service.revokeAllForUser('t_acme', 'u_ada', {
                actor: { userId: 'u_admin' },
                reason: 'race',
              });
              return ada.map((r) => r.secret);
            }
            await service.revokeAllForTenant('t_acme', {
              actor: { userId: 'u_admin' },
              reason: 'race',
              exceptSessionId: bob.session.id,
            });
            return ada.map((r) => r.secret);
          })();
          const lateLogin = signIn('u_ada', 4);
          const revoked = await action;
          // Every revoke that answered is refused on the very next request, while the streams go on.
          for (const secret of revoked) expect((await service.validate(secret)).status).toBe('ended');
          stop = true;
          await Promise.all([...streams, watcher, lateLogin]);
          for (const secret of revoked)
            expect((await service.validate(secret, { ip: '198.51.100.7' })).status).toBe('ended');
          expect((await service.validate(bob.secret)).status).toBe('active');
          expect((await store.listLiveSessions('t_acme', 'u_ada')).length).toBeLessThanOrEqual(2);
          // Clean slate for the next round: everyone signs out.
          await service.revokeAllForTenant('t_acme', {
            actor: { userId: 'u_admin' },
            reason: 'next round',
          });
        }
        expect(maxSeen).toBeLessThanOrEqual(2);
        const { items } = await store.listAuditEvents({ tenantId: 't_acme', actions: ['session_ended'] });
        const perSession = new Map<string, number>();
        for (const e of items)
          perSession.set(e.sessionId ?? '', (perSession.get(e.sessionId ?? '') ?? 0) + 1);
        expect([...perSession.values()].filter((n) => n !== 1)).toEqual([]);
        const logins = (await store.listAuditEvents({ tenantId: 't_acme', actions: ['login'] })).total;
        expect(perSession.size).toBe(logins);
        expect((await store.listSessions({ tenantId: 't_acme', status: 'active' })).total).toBe(0);
      },
      // A real server on a busy machine: 20 rounds of streams can take a while; the limit only stops a hang.
      60_000 + raceRounds * 15_000,
    );

    it('refuses a revoked session on the very next validate', async () => {
      const service = new SessionService({ store, clock: new ManualClock(T0) });
      const issued = await login(service);
      if (issued.status !== 'issued') throw new Error('login failed');
      expect((await service.validate(issued.secret)).status).toBe('active');
      await service.revoke('t_acme', issued.session.id, { actor: { userId: 'u_admin' } });
      expect(await service.validate(issued.secret)).toMatchObject({ status: 'ended', reason: 'revoked' });
    });

    it('keeps ended sessions for the retention period, then removes them', async () => {
      const clock = new ManualClock(T0);
      const service = new SessionService({ store, clock });
      await service.updatePolicy('t_acme', { retention: { endedSessionDays: 7 } }, { userId: 'u_admin' });
      const issued = await login(service);
      if (issued.status !== 'issued') throw new Error('login failed');
      await service.revoke('t_acme', issued.session.id, {
        actor: { userId: 'u_ada' },
        endReason: 'logout',
      });
      clock.advance(6 * DAY);
      await service.sweep();
      expect((await store.listSessions({ tenantId: 't_acme', status: 'ended' })).total).toBe(1);
      clock.advance(2 * DAY);
      await service.sweep();
      expect((await store.listSessions({ tenantId: 't_acme', status: 'ended' })).total).toBe(0);
    });

    it('reads a policy saved before lifetimes had units as the same days, for the account and its roles', async () => {
      const clock = new ManualClock(T0);
      // What a store holds from an earlier version: whole days, under the older names.
      const older = {
        concurrentSessions: { enabled: false, max: 1, onExceed: 'evict_oldest' },
        idleTimeout: { enabled: false, value: 7, unit: 'days' },
        rememberMe: { allowed: true, rememberedDays: 30, standardDays: 2 },
        retention: { endedSessionDays: 30 },
        roles: { admin: { rememberMe: { standardDays: 1 } } },
      };
      await store.savePolicy('t_acme', older as unknown as Parameters<SessionStore['savePolicy']>[1]);
      const service = new SessionService({ store, clock });
      const policy = await service.getPolicy('t_acme');
      expect(policy.rememberMe).toEqual({
        allowed: true,
        rememberedLifetime: { value: 30, unit: 'days' },
        standardLifetime: { value: 2, unit: 'days' },
      });
      expect(policy.roles).toEqual({
        admin: { rememberMe: { standardLifetime: { value: 1, unit: 'days' } } },
      });
      const issued = await login(service);
      if (issued.status !== 'issued') throw new Error('login failed');
      clock.advance(2 * DAY - 1);
      expect((await service.validate(issued.secret)).status).toBe('active');
      clock.advance(1);
      expect(await service.validate(issued.secret)).toMatchObject({ status: 'ended', reason: 'expired' });
    });
  });
}
