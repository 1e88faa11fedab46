import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../clock.js';
import type { SessionStore } from '../store.js';
import { hashSecret } from '../tokens.js';
import { aPushRegistration, anApiKey, anAuthorizedApp } from './builders.js';
import type { StoreContractOptions } from './contractSupport.js';
import { at } from './contractSupport.js';

/** Authorized apps, push registrations and API keys: the `CredentialStore` part. */
export function credentialsContract(options: StoreContractOptions): void {
  describe('credentials', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });

    describe('authorized apps and push registrations', () => {
      it('lists a user’s apps newest first and removes one only for its owner', async () => {
        const older = anAuthorizedApp({ createdAt: at(0) });
        const newer = anAuthorizedApp({ createdAt: at(HOUR), kind: 'mobile', deviceName: 'Pixel 8' });
        await store.insertAuthorizedApp(older);
        await store.insertAuthorizedApp(newer);
        await store.insertAuthorizedApp(anAuthorizedApp({ userId: 'u_bob' }));
        expect(await store.listAuthorizedApps('t_acme', 'u_ada')).toEqual([newer, older]);
        expect(await store.deleteAuthorizedApp('t_acme', 'u_bob', older.id)).toBeNull();
        expect(await store.deleteAuthorizedApp('t_acme', 'u_ada', older.id)).toEqual(older);
        expect(await store.deleteAuthorizedApp('t_acme', 'u_ada', older.id)).toBeNull();
        expect(await store.listAuthorizedApps('t_acme', 'u_ada')).toEqual([newer]);
      });

      it('lists and removes push registrations per owner', async () => {
        const reg = aPushRegistration();
        await store.insertPushRegistration(reg);
        expect(await store.listPushRegistrations('t_acme', 'u_ada')).toEqual([reg]);
        expect(await store.deletePushRegistration('t_other', 'u_ada', reg.id)).toBeNull();
        expect(await store.deletePushRegistration('t_acme', 'u_ada', reg.id)).toEqual(reg);
        expect(await store.listPushRegistrations('t_acme', 'u_ada')).toEqual([]);
      });
    });

    describe('api keys', () => {
      it('finds a key by hash and counts its requests per hour bucket', async () => {
        const key = anApiKey({ createdAt: at(-2 * DAY) });
        const idle = anApiKey({ createdAt: at(-DAY) });
        await store.insertApiKey(key);
        await store.insertApiKey(idle);
        expect((await store.findApiKeyByHash(key.keyHash))?.id).toBe(key.id);
        expect(await store.findApiKeyByHash(hashSecret('nope'))).toBeNull();
        await store.recordApiKeyUse('t_acme', key.id, at(-30 * HOUR));
        await store.recordApiKeyUse('t_acme', key.id, at(-2 * HOUR));
        await store.recordApiKeyUse('t_acme', key.id, at(-2 * HOUR + MINUTE));
        await store.recordApiKeyUse('t_acme', key.id, at(-MINUTE));
        const counts = await store.countApiKeyRequests('t_acme', [key.id, idle.id], at(-24 * HOUR));
        expect(counts.get(key.id)).toBe(3);
        expect(counts.get(idle.id)).toBe(0);
        const listed = await store.listApiKeys('t_acme');
        expect(listed.map((k) => k.id)).toEqual([idle.id, key.id]);
        expect(listed[1]?.lastUsedAt).toEqual(at(-MINUTE));
        expect(listed[0]?.lastUsedAt).toBeNull();
      });
    });
  });
}
