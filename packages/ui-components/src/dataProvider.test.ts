import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SessionKitRequestError, sessionKitDataProvider } from './dataProvider.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// A tiny real HTTP server stands in for the plugin, so fetch, headers and bodies are the real thing.
let server: Server;
let base: string;
let seen: Seen[] = [];
let answer: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: [] };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sessions`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answer = { status: 200, body: [] };
});

const provider = () =>
  sessionKitDataProvider(base, { readCookie: (name) => (name === 'sk_csrf' ? 'tok-1' : null) });

describe('sessionKitDataProvider', () => {
  it('asks for a page of a list with Refine’s simple-REST parameters and reads x-total-count', async () => {
    answer = { status: 200, body: [{ id: 'ses_1' }], headers: { 'x-total-count': '41' } };
    const result = await provider().getList({
      resource: 'admin/users',
      pagination: { currentPage: 3, pageSize: 10 },
      sorters: [{ field: 'lastLoginAt', order: 'desc' }],
      filters: [
        { field: 'q', operator: 'eq', value: 'dana' },
        { field: 'superUser', operator: 'eq', value: true },
      ],
      meta: { query: { status: 'all' } },
    });
    expect(result).toEqual({ data: [{ id: 'ses_1' }], total: 41 });
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.url).toBe(
      '/api/sessions/admin/users?_start=20&_end=30&_sort=lastLoginAt&_order=desc&q=dana&superUser=true&status=all',
    );
  });

  it('turns the ISO strings of the route’s date fields into Dates and leaves other strings alone', async () => {
    answer = {
      status: 200,
      body: [
        { id: 's', createdAt: '2026-03-04T10:00:00.000Z', reason: '2026-03-04T10:00:00.000Z', endedAt: null },
      ],
    };
    const { data } = await provider().getList({ resource: 'me/sessions' });
    expect(data[0]!.createdAt).toEqual(new Date('2026-03-04T10:00:00.000Z'));
    expect(data[0]!.reason).toBe('2026-03-04T10:00:00.000Z');
    expect(data[0]!.endedAt).toBeNull();
  });

  it('revives the dates of each route’s own shape, at any depth, and of the kit’s routes only', async () => {
    answer = {
      status: 200,
      body: {
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-08T08:30+01:00',
        logins: 1,
        logouts: 0,
        days: [{ date: '2026-03-02', logins: 1, logouts: 0 }],
      },
    };
    const { data } = await provider().custom!({ url: 'admin/users/u_1/login-stats', method: 'get' });
    expect(data).toEqual({
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-08T07:30:00Z'),
      logins: 1,
      logouts: 0,
      days: [{ date: '2026-03-02', logins: 1, logouts: 0 }],
    });
    answer = { status: 200, body: { from: '2026-03-01T00:00:00Z' } };
    const other = await provider().custom!({ url: 'host/stats', method: 'get' });
    expect(other.data).toEqual({ from: '2026-03-01T00:00:00Z' });
  });

  it('sends the CSRF cookie’s value as x-csrf-token on changes, never on reads', async () => {
    answer = { status: 200, body: { id: 'ses_9', status: 'ended' } };
    await provider().getOne({ resource: 'me/sessions', id: 'ses_9' });
    await provider().deleteOne({ resource: 'me/sessions', id: 'ses_9' });
    expect(seen[0]!.headers['x-csrf-token']).toBeUndefined();
    expect(seen[1]!.method).toBe('DELETE');
    expect(seen[1]!.url).toBe('/api/sessions/me/sessions/ses_9');
    expect(seen[1]!.headers['x-csrf-token']).toBe('tok-1');
    expect(seen[1]!.body).toBe('');
  });

  it('reads the CSRF cookie under its __Host- name when the kit sets Secure cookies, and under the plain one', async () => {
    answer = { status: 200, body: { ended: 1 } };
    const withJar = (jar: Record<string, string>) =>
      sessionKitDataProvider(base, { readCookie: (name) => jar[name] ?? null });
    await withJar({ '__Host-sk_csrf': 'tok-host' }).custom!({
      url: 'me/sessions/revoke-others',
      method: 'post',
    });
    await withJar({ '__Secure-sk_csrf': 'tok-secure' }).custom!({
      url: 'me/sessions/revoke-others',
      method: 'post',
    });
    await withJar({ sk_csrf: 'tok-plain' }).custom!({ url: 'me/sessions/revoke-others', method: 'post' });
    // A plain cookie beside a __Host- one may have been planted by a sibling subdomain: the prefixed one wins.
    await withJar({ sk_csrf: 'planted', '__Host-sk_csrf': 'tok-host' }).custom!({
      url: 'me/sessions/revoke-others',
      method: 'post',
    });
    expect(seen.map((s) => s.headers['x-csrf-token'])).toEqual([
      'tok-host',
      'tok-secure',
      'tok-plain',
      'tok-host',
    ]);
  });

  it('sends a reason as the body of an admin delete', async () => {
    answer = { status: 200, body: { id: 'ses_2' } };
    await provider().deleteOne({
      resource: 'admin/sessions',
      id: 'ses_2',
      variables: { reason: 'Left the company' },
    });
    expect(JSON.parse(seen[0]!.body)).toEqual({ reason: 'Left the company' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('runs custom actions on paths relative to the API, with a body and a query', async () => {
    answer = { status: 200, body: { ended: 4 } };
    const p = provider();
    const result = await p.custom!({
      url: 'admin/users/usr_1/force-logout',
      method: 'post',
      payload: { reason: 'Stolen laptop' },
    });
    expect(result.data).toEqual({ ended: 4 });
    await p.custom!({
      url: `${base}/admin/users/usr_1/login-stats`,
      method: 'get',
      query: { from: new Date('2026-03-01T00:00:00Z') },
    });
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', '/api/sessions/admin/users/usr_1/force-logout'],
      ['GET', '/api/sessions/admin/users/usr_1/login-stats?from=2026-03-01T00%3A00%3A00.000Z'],
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ reason: 'Stolen laptop' });
  });

  it('throws a Refine HttpError carrying the code, the field and the end reason', async () => {
    answer = {
      status: 400,
      body: { error: 'invalid_input', message: 'reason is required', field: 'reason' },
    };
    const failure = await provider().custom!({
      url: 'admin/sessions/revoke-all',
      method: 'post',
      payload: {},
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SessionKitRequestError);
    expect(failure).toMatchObject({
      statusCode: 400,
      code: 'invalid_input',
      field: 'reason',
      message: 'reason is required',
      errors: { reason: 'reason is required' },
    });

    answer = { status: 401, body: { error: 'session_ended', reason: 'force_logout' } };
    await expect(provider().getList({ resource: 'me/sessions' })).rejects.toMatchObject({
      statusCode: 401,
      reason: 'force_logout',
    });
  });

  it('explains a failure whose body is not the plugin’s JSON', async () => {
    answer = { status: 502, body: undefined };
    await expect(provider().getList({ resource: 'me/sessions' })).rejects.toMatchObject({
      statusCode: 502,
      code: 'http_error',
    });
  });

  it('refuses filters the routes cannot express instead of dropping them', async () => {
    await expect(
      provider().getList({
        resource: 'audit-events',
        filters: [{ operator: 'or', value: [{ field: 'action', operator: 'eq', value: 'login' }] }],
      }),
    ).rejects.toThrow('"or" filters are not supported');
    expect(seen).toHaveLength(0);
  });

  it('includes credentials by default so the session cookie travels cross-origin', async () => {
    let init: RequestInit | undefined;
    const p = sessionKitDataProvider('https://api.example.test/sessions/', {
      fetch: async (_url, given) => {
        init = given;
        return new Response('[]', { status: 200 });
      },
    });
    expect(p.getApiUrl()).toBe('https://api.example.test/sessions');
    await p.getList({ resource: 'me/sessions', pagination: { mode: 'off' } });
    expect(init?.credentials).toBe('include');
  });
});
