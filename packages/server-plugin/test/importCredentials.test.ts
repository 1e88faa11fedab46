import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '@sessionkit/core';
import type { ImportCredentialsInput, MongoSessionStore } from '../src/index.js';
import { mongoStore, openDatabase, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;

beforeAll(async () => {
  database = await openDatabase('importCredentials');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());

describe('kit.importCredentials on the Mongo store', () => {
  it('brings apps, push registrations and keys into the kit’s tenant; the routes list them', async () => {
    const host = await startHost({ store });
    try {
      const recently = new Date(host.clock.now().getTime() - HOUR);
      const ids = await host.kit.importCredentials({
        authorizedApps: [{ userId: 'u_ada', name: 'Slack', kind: 'application', tokenPreview: '…x9Qa' }],
        pushRegistrations: [
          { userId: 'u_ada', appName: 'Acme Mobile', deviceName: "Ada's Pixel 8", platform: 'android' },
        ],
        apiKeys: [
          {
            userId: 'u_admin',
            name: 'CRM sync',
            key: 'sk_live_3f9a0c1d2e3f4a5b6c7d8e9f',
            prefix: 'sk_live_3f9a',
            createdAt: new Date(host.clock.now().getTime() - 2 * HOUR),
            uses: [recently, recently],
          },
        ],
      });

      const ada = await host.login('u_ada');
      const apps = await ada.get('/api/sessions/me/authorized-apps');
      expect(apps.body.map((a: { id: string; name: string }) => [a.id, a.name])).toEqual([
        [ids.authorizedApps[0], 'Slack'],
      ]);
      const push = await ada.get('/api/sessions/me/push-registrations');
      expect(push.body.map((p: { id: string }) => p.id)).toEqual(ids.pushRegistrations);

      const admin = await host.login('u_admin');
      const keys = await admin.get('/api/sessions/api-keys');
      expect(keys.body).toMatchObject([{ id: ids.apiKeys[0], name: 'CRM sync', requestsLast24h: 2 }]);
      const audit = await admin.get('/api/sessions/audit-events?action=credentials_imported');
      expect(audit.body).toMatchObject([
        { details: { authorizedApps: 1, pushRegistrations: 1, apiKeys: 1 } },
      ]);
    } finally {
      await host.close();
    }
  });

  it('names the bad field and imports nothing', async () => {
    const host = await startHost({ store });
    try {
      const before = (await host.kit.service.listAuthorizedApps('t_acme', 'u_bob')).total;
      await expect(
        host.kit.importCredentials({
          authorizedApps: [
            { userId: 'u_bob', name: 'Zoom', kind: 'website', tokenPreview: '…a1b2' },
            { userId: 'u_bob', name: 'Jira', kind: 'plugin', tokenPreview: '…c3d4' },
          ],
        } as unknown as ImportCredentialsInput),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'authorizedApps[1].kind' });
      await expect(
        host.kit.importCredentials('nope' as unknown as ImportCredentialsInput),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'credentials' });
      expect((await host.kit.service.listAuthorizedApps('t_acme', 'u_bob')).total).toBe(before);
    } finally {
      await host.close();
    }
  });
});
