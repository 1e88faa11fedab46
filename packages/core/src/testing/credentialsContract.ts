import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../clock.js';
import type { SessionStore } from '../store.js';
import { hashSecret } from '../tokens.js';
import { aPushRegistration, anApiKey, anAuthorizedApp } from './builders.js';
import type { StoreContractOptions } from './contractSupport.js';
import { at } from './contractSupport.js';
import { credentialServiceContract } from './credentialServiceContract.js';

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

      it('finds an app by its token hash until it is removed, and records its first use once', async () => {
        const app = anAuthorizedApp({ tokenHash: hashSecret('ska_token') });
        await store.insertAuthorizedApp(app);
        await store.insertAuthorizedApp(anAuthorizedApp({ tokenHash: null }));
        expect(await store.findAuthorizedAppByHash(hashSecret('ska_token'))).toEqual(app);
        expect(await store.recordAuthorizedAppUse('t_other', app.id, at(MINUTE))).toBe(false);
        expect(await store.recordAuthorizedAppUse('t_acme', app.id, at(HOUR))).toBe(true);
        expect(await store.recordAuthorizedAppUse('t_acme', app.id, at(MINUTE))).toBe(false);
        expect((await store.findAuthorizedAppByHash(hashSecret('ska_token')))?.lastUsedAt).toEqual(at(HOUR));
        await store.deleteAuthorizedApp('t_acme', 'u_ada', app.id);
        expect(await store.findAuthorizedAppByHash(hashSecret('ska_token'))).toBeNull();
        expect(await store.recordAuthorizedAppUse('t_acme', app.id, at(DAY))).toBe(false);
      });

      it('keeps a push registration’s push token', async () => {
        const reg = aPushRegistration({ pushToken: 'apns-0f3c9a' });
        await store.insertPushRegistration(reg);
        expect(await store.listPushRegistrations('t_acme', 'u_ada')).toEqual([reg]);
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
      it('finds a key by id in its tenant only, and revokes it once', async () => {
        const key = anApiKey({ expiresAt: at(30 * DAY) });
        await store.insertApiKey(key);
        expect(await store.findApiKeyById('t_acme', key.id)).toEqual(key);
        expect(await store.findApiKeyById('t_other', key.id)).toBeNull();
        expect(await store.revokeApiKey('t_other', key.id, at(HOUR))).toBeNull();
        expect(await store.revokeApiKey('t_acme', key.id, at(HOUR))).toEqual({ ...key, revokedAt: at(HOUR) });
        expect(await store.revokeApiKey('t_acme', key.id, at(2 * HOUR))).toBeNull();
        expect((await store.findApiKeyByHash(key.keyHash))?.revokedAt).toEqual(at(HOUR));
      });

      it('adds counted requests per writer exactly, and tells the first use', async () => {
        const key = anApiKey();
        await store.insertApiKey(key);
        const writes = await Promise.all(
          ['w1', 'w2', 'w3', 'w4', 'w5'].map((writer, i) =>
            store.recordApiKeyUse('t_acme', key.id, at(i * MINUTE), { count: 10, writer }),
          ),
        );
        expect(writes.filter(Boolean).length).toBeGreaterThanOrEqual(1);
        expect(await store.recordApiKeyUse('t_acme', key.id, at(HOUR), { count: 7, writer: 'w1' })).toBe(
          false,
        );
        const counts = await store.countApiKeyRequests('t_acme', [key.id], at(-HOUR));
        expect(counts.get(key.id)).toBe(57);
        expect((await store.findApiKeyById('t_acme', key.id))?.lastUsedAt).toEqual(at(HOUR));
      });

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

    credentialServiceContract(options);
  });
}
