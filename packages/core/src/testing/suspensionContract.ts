import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR, ManualClock } from '../clock.js';
import { SessionService } from '../sessionService.js';
import type { SessionStore } from '../store.js';
import type { Suspension } from '../suspension.js';
import { SessionSuspendedError } from '../suspension.js';
import type { StoreContractOptions } from './contractSupport.js';
import { T0, at } from './contractSupport.js';

const aSuspension = (over: Partial<Suspension> = {}): Suspension => ({
  id: 'sus_1',
  tenantId: 't_acme',
  userId: 'u_ada',
  reason: 'Investigation',
  until: at(HOUR),
  suspendedAt: T0,
  suspendedBy: 'u_admin',
  ...over,
});

/**
 * Suspensions on this store: the records and the marks (`SuspensionStore`), then core's suspend and resume
 * racing streams of requests on a second instance and a login, as they do behind a load balancer.
 */
export function suspensionContract(options: StoreContractOptions): void {
  const rounds = Math.min(options.raceRounds ?? 20, 10);

  describe('suspensions', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });

    it('keeps one suspension a person, the newest replacing the older', async () => {
      await store.saveSuspension(aSuspension());
      await store.saveSuspension(aSuspension({ id: 'sus_2', reason: 'Second' }));
      await store.saveSuspension(aSuspension({ id: 'sus_3', userId: 'u_bob' }));
      await store.saveSuspension(aSuspension({ id: 'sus_4', tenantId: 't_other' }));
      expect(await store.findSuspension('t_acme', 'u_ada')).toEqual(
        aSuspension({ id: 'sus_2', reason: 'Second' }),
      );
      expect((await store.listSuspensions('t_acme')).map((s) => s.id).sort()).toEqual(['sus_2', 'sus_3']);
      expect(await store.findSuspension('t_acme', 'u_carl')).toBeNull();
    });

    it('lifts a suspension exactly once among racing lifts, and never one that replaced it', async () => {
      await store.saveSuspension(aSuspension());
      expect(await store.liftSuspension('t_acme', 'u_ada', 'sus_other')).toBe(false);
      const lifts = await Promise.all(
        Array.from({ length: 10 }, () => store.liftSuspension('t_acme', 'u_ada', 'sus_1')),
      );
      expect(lifts.filter(Boolean)).toHaveLength(1);
      expect(await store.findSuspension('t_acme', 'u_ada')).toBeNull();
      await store.saveSuspension(aSuspension({ id: 'sus_2' }));
      expect(await store.liftSuspension('t_acme', 'u_ada', 'sus_1')).toBe(false);
      expect(await store.findSuspension('t_acme', 'u_ada')).not.toBeNull();
    });

    it('carries the mark on the live session, keeps it through activity, and writes nothing once ended', async () => {
      const service = new SessionService({ store, clock: new ManualClock(T0) });
      const issued = await service.issue({ tenantId: 't_acme', userId: 'u_ada', ip: '81.2.69.1' });
      if (issued.status !== 'issued') throw new Error('login refused');
      const { tokenHash } = issued.session;
      expect((await store.findLiveSession(tokenHash))?.suspension ?? null).toBeNull();
      const mark = { id: 'sus_1', until: at(HOUR), reason: 'Investigation' };
      await store.markSession(tokenHash, mark);
      await store.touchSession(tokenHash, {
        lastSeenAt: at(1000),
        lastIp: '81.2.69.2',
        addActions: 1,
        lastPath: '/x',
      });
      expect((await store.findLiveSession(tokenHash))?.suspension).toEqual(mark);
      await service.revoke('t_acme', issued.session.id, { actor: { userId: 'u_admin' } });
      await store.markSession(tokenHash, mark);
      expect(await store.findLiveSession(tokenHash)).toBeNull();
    });

    it(
      `keeps a mark once it is written, whatever activity and slot writes were in flight (${rounds} rounds)`,
      async () => {
        // On FerretDB an update reads the document, then writes it whole: one that read before the mark and
        // lands after it would drop it. The store's `markSession` must not answer before such writes are done.
        const service = new SessionService({ store, clock: new ManualClock(T0) });
        const issued = await service.issue({ tenantId: 't_acme', userId: 'u_ada', ip: '81.2.69.1' });
        if (issued.status !== 'issued') throw new Error('login refused');
        const { tokenHash } = issued.session;
        for (let round = 0; round < rounds; round++) {
          const writes = Array.from({ length: 24 }, (_, i) =>
            i % 6 === 5
              ? store.setSessionSlot(tokenHash, null)
              : store.touchSession(tokenHash, {
                  lastSeenAt: at(round * 100 + i),
                  lastIp: `81.2.69.${i}`,
                  addActions: 1,
                  lastPath: `/p/${i}`,
                }),
          );
          const mark = { id: `sus_${round}`, until: at(HOUR), reason: `r${round}` };
          await new Promise((r) => setImmediate(r));
          await store.markSession(tokenHash, mark);
          expect((await store.findLiveSession(tokenHash))?.suspension, `round ${round}`).toEqual(mark);
          await Promise.all(writes);
          expect((await store.findLiveSession(tokenHash))?.suspension, `round ${round}`).toEqual(mark);
        }
      },
      60_000 + rounds * 5_000,
    );

    const setUp = async () => {
      const clock = new ManualClock(T0);
      // Two instances on one store: the administrator's and the one the person's requests reach.
      const adminSide = new SessionService({ store, clock, touchIntervalMs: 1_000 });
      const personSide = new SessionService({ store, clock, touchIntervalMs: 1_000 });
      const signIn = async (n: number) => {
        const r = await personSide.issue({ tenantId: 't_acme', userId: 'u_ada', ip: `81.2.69.${n}` });
        if (r.status !== 'issued') throw new Error('login refused');
        return r.secret;
      };
      const secrets = [await signIn(1), await signIn(2), await signIn(3)];
      let stop = false;
      // Each session's requests one after another, touches falling due, on the other instance.
      const stream = async (secret: string, seed: number) => {
        for (let i = 0; !stop && i < 60; i++) {
          if (i % 3 === 0) clock.advance(1_500);
          await personSide.validate(secret, { ip: `203.0.113.${(seed * 60 + i) % 250}`, path: `/p/${i}` });
        }
      };
      return {
        clock,
        adminSide,
        personSide,
        secrets,
        run: () => secrets.map((s, i) => stream(s, i)),
        stop: () => {
          stop = true;
        },
      };
    };
    const admin = { userId: 'u_admin' };
    const until = (clock: ManualClock) => new Date(clock.now().getTime() + 4 * HOUR).toISOString();

    it(
      `refuses every request after a suspension answers, while requests stream on another instance (${rounds} rounds)`,
      async () => {
        for (let round = 0; round < rounds; round++) {
          store = await options.makeStore();
          const s = await setUp();
          const streams = s.run();
          await new Promise((r) => setImmediate(r));
          const result = await s.adminSide.suspend(
            't_acme',
            'u_ada',
            { until: until(s.clock), reason: `r${round}` },
            admin,
          );
          expect(result.sessions).toBe(3);
          for (const secret of s.secrets)
            expect((await s.personSide.validate(secret)).status).toBe('suspended');
          s.stop();
          await Promise.all(streams);
          for (const secret of s.secrets) {
            expect(await s.personSide.validate(secret, { ip: '198.51.100.7' })).toMatchObject({
              status: 'suspended',
              reason: `r${round}`,
            });
          }
          expect((await store.listLiveSessions('t_acme', 'u_ada')).length).toBe(3);
        }
      },
      60_000 + rounds * 15_000,
    );

    it(
      `lets every request through after a resume answers, while requests stream (${rounds} rounds)`,
      async () => {
        for (let round = 0; round < rounds; round++) {
          store = await options.makeStore();
          const s = await setUp();
          await s.adminSide.suspend('t_acme', 'u_ada', { until: until(s.clock), reason: 'r' }, admin);
          const streams = s.run();
          await new Promise((r) => setImmediate(r));
          expect((await s.adminSide.resume('t_acme', 'u_ada', admin)).sessions).toBe(3);
          for (const secret of s.secrets) expect((await s.personSide.validate(secret)).status).toBe('active');
          s.stop();
          await Promise.all(streams);
          for (const secret of s.secrets)
            expect((await s.personSide.validate(secret, { ip: '198.51.100.8' })).status).toBe('active');
        }
      },
      60_000 + rounds * 15_000,
    );

    it(
      `leaves no working session to a login that races a suspension (${rounds} rounds)`,
      async () => {
        for (let round = 0; round < rounds; round++) {
          store = await options.makeStore();
          const s = await setUp();
          const login = s.personSide
            .issue({ tenantId: 't_acme', userId: 'u_ada', ip: '81.2.69.9' })
            .catch((error: unknown) => error);
          await s.adminSide.suspend('t_acme', 'u_ada', { until: until(s.clock), reason: 'r' }, admin);
          const result = await login;
          if (result instanceof SessionSuspendedError) {
            expect(result.reason).toBe('r');
          } else if (result && typeof result === 'object' && 'secret' in result) {
            expect((await s.personSide.validate(String(result.secret))).status).toBe('suspended');
          } else {
            throw new Error(`unexpected login answer ${String(result)}`);
          }
          for (const secret of s.secrets)
            expect((await s.personSide.validate(secret)).status).toBe('suspended');
        }
      },
      60_000 + rounds * 15_000,
    );
  });
}
