import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import { mongoStore, openDatabase, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;

beforeAll(async () => {
  database = await openDatabase('importSessions');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('kit.importSessions on the Mongo store', () => {
  it('brings sessions in signed in: the clients’ own secrets work at once, and the admin views count them', async () => {
    const host = await startHost({ store });
    try {
      const adopted = 'an-api-token-the-old-system-issued-42';
      const { sessions } = await host.kit.importSessions([
        { userId: 'u_ada', ip: '81.2.69.142', userAgent: CHROME_MAC, kind: 'api', secret: adopted },
        { userId: 'u_ada', ip: '10.0.0.7', userAgent: CHROME_MAC },
        { userId: 'u_bob', ip: '10.0.0.8', createdAt: host.clock.now() },
      ]);
      expect(sessions).toHaveLength(3);

      const ada = host.anonymous();
      ada.bearer = adopted;
      const own = await ada.get('/api/sessions/me/sessions');
      expect(own.status).toBe(200);
      expect(own.body.map((s: { device: { label: string } }) => s.device.label)).toEqual([
        'Chrome on macOS',
        'Chrome on macOS',
      ]);

      const admin = await host.login('u_admin');
      const summary = await admin.get('/api/sessions/admin/summary');
      expect(summary.body).toMatchObject({ activeUsers: 3, activeSessions: 4 });
      const audit = await admin.get('/api/sessions/audit-events?action=sessions_imported');
      expect(audit.body).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('names the bad field and imports nothing', async () => {
    const host = await startHost({ store });
    try {
      const before = (await host.kit.service.adminSummary('t_acme')).activeSessions;
      await expect(
        host.kit.importSessions([
          { userId: 'u_ada', ip: '81.2.69.142' },
          { userId: 'u_bob', ip: '81.2.69.142', secret: 'too-short' },
        ]),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'sessions[1].secret' });
      await expect(
        host.kit.importSessions('nope' as unknown as Parameters<typeof host.kit.importSessions>[0]),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'sessions' });
      expect((await host.kit.service.adminSummary('t_acme')).activeSessions).toBe(before);
    } finally {
      await host.close();
    }
  });
});
