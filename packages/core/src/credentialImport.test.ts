import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, ManualClock } from './clock.js';
import type { CredentialImport } from './credentialImport.js';
import { isSessionKitError } from './errors.js';
import { MemorySessionStore } from './memoryStore.js';
import { SessionService } from './sessionService.js';
import { hashSecret } from './tokens.js';

const KEY = 'sk_live_3f9a0c1d2e3f4a5b6c7d8e9f';

let clock: ManualClock;
let store: MemorySessionStore;
let service: SessionService;
const ago = (ms: number) => new Date(clock.now().getTime() - ms);

beforeEach(() => {
  clock = new ManualClock('2026-03-02T10:00:00.000Z');
  store = new MemorySessionStore();
  service = new SessionService({ store, clock });
});

function everything(): CredentialImport {
  return {
    authorizedApps: [
      {
        tenantId: 't',
        userId: 'u_ada',
        name: 'Slack',
        kind: 'application',
        scopes: ['notifications:write'],
        tokenPreview: '…x9Qa',
        createdAt: ago(30 * DAY),
        lastUsedAt: ago(HOUR),
      },
      { tenantId: 't', userId: 'u_ada', name: "Ada's Pixel 8", kind: 'mobile', tokenPreview: '…7hTw' },
    ],
    pushRegistrations: [
      {
        tenantId: 't',
        userId: 'u_ada',
        appName: 'Acme Mobile',
        deviceName: "Ada's Pixel 8",
        platform: 'android',
      },
    ],
    apiKeys: [
      {
        tenantId: 't',
        userId: 'u_ada',
        name: 'CRM sync',
        key: KEY,
        prefix: 'sk_live_3f9a',
        createdAt: ago(60 * DAY),
        uses: [ago(30 * HOUR), ago(2 * HOUR), ago(5 * MINUTE)],
      },
      {
        tenantId: 't',
        name: 'Old export',
        keyHash: hashSecret('a-key-only-the-old-system-saw-0123'),
        prefix: 'exp_',
        createdAt: ago(200 * DAY),
        revokedAt: ago(20 * DAY),
      },
    ],
  };
}

describe('importing credentials', () => {
  it('brings apps, push registrations and keys in as they were, under new ids, with one audit event a tenant', async () => {
    const ids = await service.importCredentials(everything());
    expect(ids.authorizedApps).toHaveLength(2);
    expect(ids.pushRegistrations).toHaveLength(1);
    expect(ids.apiKeys).toHaveLength(2);

    const apps = (await service.listAuthorizedApps('t', 'u_ada', { sort: { field: 'name', order: 'asc' } }))
      .items;
    expect(apps.map((a) => [a.id, a.name, a.deviceName, a.scopes])).toEqual([
      [ids.authorizedApps[1], "Ada's Pixel 8", null, []],
      [ids.authorizedApps[0], 'Slack', null, ['notifications:write']],
    ]);
    expect(apps[1]).toMatchObject({ createdAt: ago(30 * DAY), lastUsedAt: ago(HOUR), tokenPreview: '…x9Qa' });
    expect(apps[0]).toMatchObject({ createdAt: clock.now(), lastUsedAt: null });

    const [push] = (await service.listPushRegistrations('t', 'u_ada')).items;
    expect(push).toMatchObject({ id: ids.pushRegistrations[0], platform: 'android', lastUsedAt: null });

    const keys = (await service.apiKeys.list('t', { sort: { field: 'name', order: 'asc' } })).items;
    expect(keys).toMatchObject([
      {
        id: ids.apiKeys[0],
        name: 'CRM sync',
        requestsLast24h: 2,
        lastUsedAt: ago(5 * MINUTE),
        revokedAt: null,
      },
      { id: ids.apiKeys[1], name: 'Old export', userId: null, requestsLast24h: 0, revokedAt: ago(20 * DAY) },
    ]);
    // Only the hash of a given key is kept.
    expect((await store.findApiKeyByHash(hashSecret(KEY)))?.id).toBe(ids.apiKeys[0]);

    const events = (await service.listAuditEvents('t')).items;
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ['credentials_imported', { authorizedApps: 2, pushRegistrations: 1, apiKeys: 2 }],
    ]);
  });

  it('names the field of a bad item and imports nothing', async () => {
    type List = keyof CredentialImport;
    const patched = (list: List, index: number, patch: Record<string, unknown>) => (i: CredentialImport) => ({
      ...i,
      [list]: i[list]!.map((x, n) => (n === index ? { ...x, ...patch } : x)),
    });
    const cases: [(input: CredentialImport) => unknown, string][] = [
      [(i) => ({ ...i, authorizedApps: 'Slack' }), 'authorizedApps'],
      [(i) => ({ ...i, pushes: [] }), 'pushes'],
      [(i) => ({ ...i, pushRegistrations: [null] }), 'pushRegistrations[0]'],
      [patched('authorizedApps', 1, { userId: '' }), 'authorizedApps[1].userId'],
      [patched('authorizedApps', 0, { kind: 'robot' }), 'authorizedApps[0].kind'],
      [patched('authorizedApps', 0, { tokenPreview: KEY }), 'authorizedApps[0].tokenPreview'],
      [patched('authorizedApps', 1, { scopes: ['read', 7] }), 'authorizedApps[1].scopes[1]'],
      [patched('authorizedApps', 0, { lastUsedAt: ago(40 * DAY) }), 'authorizedApps[0].lastUsedAt'],
      [patched('pushRegistrations', 0, { platform: 'fax' }), 'pushRegistrations[0].platform'],
      [patched('pushRegistrations', 0, { createdAt: new Date('nope') }), 'pushRegistrations[0].createdAt'],
      [patched('apiKeys', 0, { key: 'short' }), 'apiKeys[0].key'],
      [patched('apiKeys', 0, { prefix: 'pk_' }), 'apiKeys[0].prefix'],
      [patched('apiKeys', 1, { keyHash: 'not-a-hash' }), 'apiKeys[1].keyHash'],
      // Given both the key and its hash, the hash is the one refused.
      [patched('apiKeys', 1, { key: KEY }), 'apiKeys[1].keyHash'],
      [patched('apiKeys', 1, { revokedAt: ago(300 * DAY) }), 'apiKeys[1].revokedAt'],
      [patched('apiKeys', 0, { uses: [ago(HOUR), 'yesterday'] }), 'apiKeys[0].uses[1]'],
    ];
    for (const [change, field] of cases) {
      const error = await service
        .importCredentials(change(everything()) as CredentialImport)
        .catch((e: unknown) => e);
      expect(isSessionKitError(error, 'invalid_input'), field).toBe(true);
      expect(error, field).toMatchObject({ field });
    }
    expect((await service.listAuthorizedApps('t', 'u_ada')).total).toBe(0);
    expect((await service.listPushRegistrations('t', 'u_ada')).total).toBe(0);
    expect((await service.apiKeys.list('t')).total).toBe(0);
    expect((await service.listAuditEvents('t')).total).toBe(0);
  });

  it('refuses a key given twice, or one already stored, and writes nothing', async () => {
    const { apiKeys } = everything();
    const twice = await service
      .importCredentials({ apiKeys: [apiKeys![0]!, { ...apiKeys![0]!, name: 'Again' }] })
      .catch((e: unknown) => e);
    expect(twice).toMatchObject({ code: 'invalid_input', field: 'apiKeys[1].key' });
    await service.importCredentials({ apiKeys: [apiKeys![0]!] });
    const again = await service
      .importCredentials({
        authorizedApps: everything().authorizedApps!,
        apiKeys: [apiKeys![1]!, apiKeys![0]!],
      })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'invalid_input', field: 'apiKeys[1].key' });
    expect((await service.apiKeys.list('t')).total).toBe(1);
    expect((await service.listAuthorizedApps('t', 'u_ada')).total).toBe(0);
  });

  it('refuses anything but an object of lists', async () => {
    for (const input of [null, [], 'apps']) {
      const error = await service
        .importCredentials(input as unknown as CredentialImport)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'credentials' });
    }
    expect(await service.importCredentials({})).toEqual({
      authorizedApps: [],
      pushRegistrations: [],
      apiKeys: [],
    });
    expect((await service.listAuditEvents('t')).total).toBe(0);
  });
});
