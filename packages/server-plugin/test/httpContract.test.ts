import type { SessionStore } from '@sessionkit/core';
import { MemorySessionStore } from '@sessionkit/core';
import type { HttpCaller, HttpFetch } from '@sessionkit/core/testing';
import {
  HTTP_CONTRACT,
  aPushRegistration,
  anApiKey,
  anAuthorizedApp,
  runHttpContract,
} from '@sessionkit/core/testing';
import { HTTP_ROUTES } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import type { Client, TestHost } from './support.js';
import { TENANT, mongoStore, openDatabase, routesOf, startHost } from './support.js';

const API = '/api/sessions';

/** A fetch that speaks for one test client: its cookies (or none), and its CSRF token on changes. */
function fetchAs(host: TestHost, client: Client): HttpFetch {
  return (path, init) => {
    const headers: Record<string, string> = { 'x-forwarded-for': client.ip };
    if (client.cookies.size > 0)
      headers.cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const csrf = client.cookies.get('sk_csrf');
    if (csrf && init.method !== 'GET') headers['x-csrf-token'] = csrf;
    return fetch(`${host.url}${API}${path}`, { ...init, headers: { ...headers, ...init.headers } });
  };
}

/** The account the contract asks for, signed in through the host's login route, its records through the store. */
async function signIn(host: TestHost, store: SessionStore): Promise<Record<HttpCaller, HttpFetch>> {
  await host.login('u_ada', { ip: '81.2.69.160' });
  const person = await host.login('u_ada');
  await host.login('u_bob');
  await host.login('u_helper');
  await host.login('u_root');
  const admin = await host.login('u_admin');
  await store.insertAuthorizedApp(anAuthorizedApp({ tenantId: TENANT, userId: 'u_ada' }));
  await store.insertAuthorizedApp(anAuthorizedApp({ tenantId: TENANT, userId: 'u_ada', name: 'Fleet CLI' }));
  await store.insertPushRegistration(aPushRegistration({ tenantId: TENANT, userId: 'u_ada' }));
  await store.insertApiKey(anApiKey({ tenantId: TENANT, createdAt: host.clock.now() }));
  return {
    person: fetchAs(host, person),
    admin: fetchAs(host, admin),
    anonymous: fetchAs(host, host.anonymous()),
  };
}

{
  let host: TestHost;
  runHttpContract('the router on the memory store', {
    async setup() {
      const store = new MemorySessionStore();
      host = await startHost({ store });
      return signIn(host, store);
    },
    teardown: () => host.close(),
  });
}

{
  let host: TestHost;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  runHttpContract('the router on FerretDB', {
    async setup() {
      database = await openDatabase('http-contract');
      const store = await mongoStore(database.connection);
      host = await startHost({ mongoose: database.connection });
      return signIn(host, store);
    },
    async teardown() {
      await host.close();
      await database.drop();
    },
  });
}

describe('the HTTP contract covers the router', () => {
  it('names every route of the router, and only those', async () => {
    const host = await startHost({ store: new MemorySessionStore() });
    try {
      expect(Object.keys(HTTP_ROUTES).sort()).toEqual(routesOf(host.kit.router));
    } finally {
      await host.close();
    }
  });

  it('has a successful case for every route, so every answer’s shape is checked', () => {
    const answered = new Set(HTTP_CONTRACT.filter((c) => c.status < 300).map((c) => c.route));
    expect(Object.keys(HTTP_ROUTES).filter((route) => !answered.has(route as never))).toEqual([]);
  });
});
