import type { DirectoryUser } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import type { TestHost } from './support.js';
import { USERS, clearStore, mongoStore, openDatabase, snapshot, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;
let host: TestHost;

beforeAll(async () => {
  database = await openDatabase('audit_filter');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());
beforeEach(async () => {
  await clearStore(store);
});
afterEach(() => host.close());

const API = '/api/sessions';

interface EventJson {
  action: string;
  actorId: string | null;
  targetUserId: string | null;
}

const concerns = (events: EventJson[]) => [
  ...new Set(events.flatMap((e) => [e.actorId, e.targetUserId]).filter((id) => id !== null)),
];

async function signInEveryone(): Promise<void> {
  for (const id of ['u_ada', 'u_bob', 'u_root2', 'u_helper']) await host.login(id);
}

describe('GET /audit-events?q=', () => {
  it('finds a person’s events by the directory’s name, email or department, and by id', async () => {
    host = await startHost({ mongoose: database.connection });
    await signInEveryone();
    const admin = await host.login('u_admin');

    const byName = await admin.get(`${API}/audit-events?q=Sam`);
    expect(byName.status).toBe(200);
    expect(byName.body.map((e: EventJson) => e.action)).toEqual(['login']);
    expect(concerns(byName.body)).toEqual(['u_root2']);

    const byDepartment = await admin.get(`${API}/audit-events?q=research`);
    expect(concerns(byDepartment.body)).toEqual(['u_ada']);
    const byEmail = await admin.get(`${API}/audit-events?q=bob@acme`);
    expect(concerns(byEmail.body)).toEqual(['u_bob']);
    const byId = await admin.get(`${API}/audit-events?q=u_helper`);
    expect(concerns(byId.body)).toEqual(['u_helper']);
    expect(byId.headers.get('x-total-count')).toBe('1');

    const nobody = await admin.get(`${API}/audit-events?q=Zed`);
    expect(nobody.body).toEqual([]);
    expect(nobody.headers.get('x-total-count')).toBe('0');
    // Without q every sign-in is there: the filter, not an empty trail, made the answers above.
    expect(concerns((await admin.get(`${API}/audit-events`)).body).sort()).toEqual(
      ['u_ada', 'u_admin', 'u_bob', 'u_helper', 'u_root2'].sort(),
    );
  });

  it('matches signed-in people itself when the directory has no search', async () => {
    const plain = {
      getUsers: async (tenantId: string, ids: readonly string[]): Promise<DirectoryUser[]> =>
        USERS.filter((u) => u.tenantId === tenantId && ids.includes(u.id)),
    };
    host = await startHost({ mongoose: database.connection, directory: plain });
    await signInEveryone();
    const admin = await host.login('u_admin');
    const reply = await admin.get(`${API}/audit-events?q=sam`);
    expect(concerns(reply.body)).toEqual(['u_root2']);
  });

  it('combines with the action filter and pages the matches', async () => {
    host = await startHost({ mongoose: database.connection });
    const ada = await host.login('u_ada');
    await host.login('u_ada');
    await ada.post(`${API}/me/sessions/revoke-others`, {});
    const admin = await host.login('u_admin');
    const logins = await admin.get(`${API}/audit-events?q=Ada&action=login&_start=0&_end=1`);
    expect(logins.body).toHaveLength(1);
    expect(logins.body[0].action).toBe('login');
    expect(logins.headers.get('x-total-count')).toBe('2');
  });

  it('refuses a q that is too long or not text, naming the field and changing nothing', async () => {
    host = await startHost({ mongoose: database.connection });
    const admin = await host.login('u_admin');
    const before = await snapshot(store);
    for (const path of [`${API}/audit-events?q=${'x'.repeat(201)}`, `${API}/audit-events?q=a&q=b`]) {
      const reply = await admin.get(path);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: 'invalid_input', field: 'q' });
    }
    expect(await snapshot(store)).toBe(before);
  });

  it('is for administrators only', async () => {
    host = await startHost({ mongoose: database.connection });
    const ada = await host.login('u_ada');
    const reply = await ada.get(`${API}/audit-events?q=Sam`);
    expect(reply.status).toBe(403);
  });
});
