import type { GeoResolver, SessionStore } from '@sessionkit/core';
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

/** Where the contract's sign-ins come from: a country each, no coordinates (so no impossible travel). */
const COUNTRIES: Record<string, string> = {
  '81.2.69.142': 'GB',
  '81.2.69.160': 'GB',
  '93.197.54.120': 'DE',
  '90.84.12.7': 'FR',
  '83.44.120.7': 'ES',
};
const geo: GeoResolver = {
  async lookup(ip) {
    const code = COUNTRIES[ip];
    return code
      ? {
          city: null,
          region: null,
          country: code,
          countryCode: code,
          isp: null,
          latitude: null,
          longitude: null,
          local: false,
        }
      : null;
  },
};

/** A host whose sign-ins from new countries raise alerts; the links it sent, in order. */
async function alertingHost(options: Parameters<typeof startHost>[0]) {
  const links: string[] = [];
  const host = await startHost({
    ...options,
    geo,
    alertLinkUrl: 'https://app.test/not-me',
    onRiskSignal: ({ link }) => void links.push(link),
  });
  return { host, token: () => links[0]?.split('#token=')[1] ?? '' };
}

/** The account the contract asks for, signed in through the host's login route, its records through the store. */
async function signIn(host: TestHost, store: SessionStore): Promise<Record<HttpCaller, HttpFetch>> {
  const minute = () => host.clock.advance(60_000);
  await host.login('u_ada', { ip: '81.2.69.160' });
  // Three sign-ins from new countries (three alerts), then two from home: the latest seen carries none.
  for (const ip of ['93.197.54.120', '90.84.12.7', '83.44.120.7', '81.2.69.142']) {
    minute();
    await host.login('u_ada', { ip });
  }
  minute();
  const person = await host.login('u_ada');
  await host.kit.service.alerts.idle();
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
  let token = () => '';
  runHttpContract('the router on the memory store', {
    async setup() {
      const store = new MemorySessionStore();
      ({ host, token } = await alertingHost({ store }));
      return signIn(host, store);
    },
    alertLinkToken: () => token(),
    teardown: () => host.close(),
  });
}

{
  let host: TestHost;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let token = () => '';
  runHttpContract('the router on FerretDB', {
    async setup() {
      database = await openDatabase('http-contract');
      const store = await mongoStore(database.connection);
      ({ host, token } = await alertingHost({ mongoose: database.connection }));
      return signIn(host, store);
    },
    alertLinkToken: () => token(),
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
