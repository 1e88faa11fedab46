import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, ManualClock } from '../clock.js';
import { SessionService } from '../sessionService.js';
import type { SessionStore } from '../store.js';
import type { StoreContractOptions } from './contractSupport.js';
import { T0 } from './contractSupport.js';

/**
 * Keys and app tokens the kit issues, checked on this store by several service instances, as behind a load
 * balancer: a revoke or removal through one is refused by the next request on another, and coalesced use
 * counts add up exactly once written.
 */
export function credentialServiceContract(options: StoreContractOptions): void {
  describe('issued credentials over this store', () => {
    let store: SessionStore;
    let clock: ManualClock;
    const instance = () => new SessionService({ store, clock, usageFlushEvery: 10 });
    beforeEach(async () => {
      store = await options.makeStore();
      clock = new ManualClock(T0);
    });
    const actor = { userId: 'u_ada' };

    it('refuses a key revoked on one instance at the next request on another', async () => {
      const one = instance();
      const two = instance();
      const { key, secret } = await one.apiKeys.create(
        't_acme',
        'u_ada',
        { name: 'CI', scopes: ['read'] },
        actor,
      );
      expect(await two.credentials.validateToken(secret)).toMatchObject({
        status: 'active',
        userId: 'u_ada',
      });
      await one.apiKeys.revoke('t_acme', key.id, { actor, ownerId: 'u_ada' });
      expect(await two.credentials.validateToken(secret)).toEqual({
        status: 'ended',
        kind: 'api_key',
        reason: 'revoked',
        keyId: key.id,
      });
    });

    it('refuses a key once it expires, and a token it never issued', async () => {
      const service = instance();
      const { secret } = await service.apiKeys.create(
        't_acme',
        'u_ada',
        { name: 'Short', scopes: ['write'], expiresAt: new Date(T0.getTime() + DAY) },
        actor,
      );
      expect((await service.credentials.validateToken(secret)).status).toBe('active');
      clock.advance(DAY);
      expect(await service.credentials.validateToken(secret)).toMatchObject({
        status: 'ended',
        reason: 'expired',
      });
      expect(await service.credentials.validateToken(`skk_${'A'.repeat(43)}`)).toEqual({ status: 'unknown' });
    });

    it('ends an app token on another instance once the app is removed', async () => {
      const one = instance();
      const two = instance();
      const { app, token } = await one.credentials.authorizeApp(
        't_acme',
        'u_ada',
        { name: 'Fleet Mobile', kind: 'mobile', deviceName: "Ada's Pixel 8", rights: ['read:vehicles'] },
        actor,
      );
      expect(await two.credentials.validateToken(token)).toMatchObject({
        status: 'active',
        principal: { kind: 'app', app: { id: app.id, deviceName: "Ada's Pixel 8" } },
      });
      await one.credentials.revokeAuthorizedApp('t_acme', 'u_ada', app.id, actor);
      expect(await two.credentials.validateToken(token)).toEqual({ status: 'unknown' });
    });

    it('counts 50 concurrent requests with one key on two instances exactly, once written', async () => {
      const one = instance();
      const two = instance();
      const { key, secret } = await one.apiKeys.create(
        't_acme',
        'u_ada',
        { name: 'Load', scopes: ['read'] },
        actor,
      );
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).credentials.validateToken(secret)),
      );
      expect(results.every((r) => r.status === 'active')).toBe(true);
      await Promise.all([one.usage.flush(), two.usage.flush()]);
      const [listed] = (await one.apiKeys.list('t_acme')).items;
      expect(listed).toMatchObject({ id: key.id, requestsLast24h: 50, lastUsedAt: T0 });
      clock.advance(25 * HOUR);
      expect((await one.apiKeys.list('t_acme')).items[0]?.requestsLast24h).toBe(0);
    });

    it('writes no use before the bound: a key used fewer times than flushEvery reads Never and 0', async () => {
      const service = instance();
      const { secret } = await service.apiKeys.create(
        't_acme',
        'u_ada',
        { name: 'Idle', scopes: ['read'] },
        actor,
      );
      for (let i = 0; i < 9; i++) await service.credentials.validateToken(secret);
      const [stored] = await store.listApiKeys('t_acme');
      expect(stored?.lastUsedAt).toBeNull();
      const counts = await store.countApiKeyRequests('t_acme', [stored?.id ?? ''], new Date(0));
      expect(counts.get(stored?.id ?? '')).toBe(0);
    });

    it('audits a key’s creation, first use and revocation once each', async () => {
      const service = instance();
      const { key, secret } = await service.apiKeys.create(
        't_acme',
        'u_ada',
        { name: 'Audit', scopes: ['read'] },
        actor,
      );
      for (let i = 0; i < 3; i++) {
        clock.advance(MINUTE);
        await service.credentials.validateToken(secret);
        await service.usage.flush();
      }
      clock.advance(MINUTE);
      await service.apiKeys.revoke('t_acme', key.id, { actor });
      const { items } = await store.listAuditEvents({ tenantId: 't_acme' });
      expect(items.map((e) => e.action).reverse()).toEqual([
        'api_key_created',
        'api_key_first_used',
        'api_key_revoked',
      ]);
      expect(JSON.stringify(items)).not.toContain(secret);
    });
  });
}
