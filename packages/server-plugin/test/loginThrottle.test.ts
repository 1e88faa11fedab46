import { isSessionKitError } from '@sessionkit/core';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginThrottleOptions } from '../src/index.js';
import { createLoginThrottle } from '../src/index.js';

/**
 * A host's sign-in behind the throttle: ada's password is "right"; everyone else is unknown. The counts are
 * exercised by number of attempts, never by waiting for a window to pass.
 */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function startLogin(options?: LoginThrottleOptions) {
  const throttle = createLoginThrottle(options);
  const app = express();
  // Only the loopback proxy is trusted: the tests speak for other addresses through X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  let passwordChecks = 0;
  app.post('/auth/login', throttle.byAddress, express.json(), throttle.byAccount, (req, res) => {
    passwordChecks++;
    const { username, password } = req.body as { username?: unknown; password?: unknown };
    if (username === 'ada' && password === 'right') {
      res.json({ ok: true });
      return;
    }
    res.status(401).json({ error: 'invalid_credentials' });
  });
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(400).json({ error: 'invalid_input', field: 'body' });
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/login`;
  const attempt = async (from: string, body: Record<string, unknown> | string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  return { throttle, attempt, passwordChecks: () => passwordChecks };
}

describe('createLoginThrottle', () => {
  it('stops password spraying: one address naming many usernames gets 429 after its budget of 50', async () => {
    const login = await startLogin();
    for (let i = 0; i < 50; i++) {
      const reply = await login.attempt('203.0.113.7', { username: `user${i}`, password: 'Summer2026!' });
      expect(reply.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await login.attempt('203.0.113.7', { username: 'ada', password: 'right' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'rate_limited',
      message: 'Too many failed attempts. Try again in 15 minutes.',
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(login.passwordChecks()).toBe(50);
    // Another address is not held back by the sprayer's.
    expect((await login.attempt('198.51.100.20', { username: 'ada', password: 'right' })).status).toBe(200);
  });

  it('stops credential stuffing: one account tried from many addresses gets 429 after its budget of 10', async () => {
    const login = await startLogin();
    for (let i = 0; i < 10; i++) {
      const reply = await login.attempt(`198.51.100.${i + 1}`, { username: 'ada', password: `guess${i}` });
      expect(reply.status, `attempt ${i + 1}`).toBe(401);
    }
    // Even the right password is not checked once the account's budget is spent.
    expect((await login.attempt('192.0.2.99', { username: 'ada', password: 'right' })).status).toBe(429);
    expect(login.passwordChecks()).toBe(10);
    // Other accounts, from the same new address, are not held back.
    expect((await login.attempt('192.0.2.99', { username: 'bob', password: 'x' })).status).toBe(401);
  });

  it('counts only failures: people who sign in never use up a budget', async () => {
    const login = await startLogin({ perAddress: 3, perAccount: 3 });
    for (let i = 0; i < 12; i++) {
      expect((await login.attempt('203.0.113.8', { username: 'ada', password: 'right' })).status).toBe(200);
    }
  });

  it('counts one account however its name is typed', async () => {
    const login = await startLogin({ perAccount: 3 });
    for (const [i, username] of ['ada', ' ADA ', 'Ａｄａ'].entries()) {
      expect((await login.attempt(`198.51.100.${i + 1}`, { username, password: 'x' })).status).toBe(401);
    }
    expect((await login.attempt('198.51.100.9', { username: 'Ada', password: 'right' })).status).toBe(429);
  });

  it('refuses an address over its budget before its body is read, and counts broken bodies', async () => {
    const login = await startLogin({ perAddress: 2 });
    const broken = '{"username":"ada","password":"right",}';
    expect((await login.attempt('203.0.113.9', broken)).status).toBe(400);
    expect((await login.attempt('203.0.113.9', broken)).status).toBe(400);
    // A parsed body would have answered 400 again: the 429 came before the parser.
    const refused = await login.attempt('203.0.113.9', broken);
    expect(refused.status).toBe(429);
    expect(login.passwordChecks()).toBe(0);
  });

  it('counts IPv6 clients by their /56, so a fresh address per guess gains nothing', async () => {
    const login = await startLogin({ perAddress: 2 });
    expect((await login.attempt('2001:db8:aa:1::1', { username: 'u1', password: 'x' })).status).toBe(401);
    expect((await login.attempt('2001:db8:aa:2::2', { username: 'u2', password: 'x' })).status).toBe(401);
    expect((await login.attempt('2001:db8:aa:ff::3', { username: 'u3', password: 'x' })).status).toBe(429);
    expect((await login.attempt('2001:db8:bb::1', { username: 'u4', password: 'x' })).status).toBe(401);
  });

  it('lets a host lift an account’s block early', async () => {
    const login = await startLogin({ perAccount: 2 });
    await login.attempt('198.51.100.1', { username: 'ada', password: 'x' });
    await login.attempt('198.51.100.2', { username: 'ada', password: 'x' });
    expect((await login.attempt('198.51.100.3', { username: 'ada', password: 'right' })).status).toBe(429);
    await login.throttle.resetAccount(' Ada');
    expect((await login.attempt('198.51.100.3', { username: 'ada', password: 'right' })).status).toBe(200);
  });

  it('counts by the account the host names, such as the signed-in user on a change-password route', async () => {
    const throttle = createLoginThrottle({ perAccount: 1, accountOf: (req) => req.get('x-user') ?? null });
    const app = express();
    app.post('/password', throttle.byAddress, throttle.byAccount, (_req, res) => {
      res.status(400).json({ error: 'invalid_input', field: 'currentPassword' });
    });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/password`;
    const as = async (user: string) =>
      (await fetch(url, { method: 'POST', headers: { 'x-user': user } })).status;
    expect(await as('u_ada')).toBe(400);
    expect(await as('u_ada')).toBe(429);
    expect(await as('u_bob')).toBe(400);
  });

  it('checks its options at start-up, naming the one to fix', () => {
    const failure = (options: unknown) => {
      try {
        createLoginThrottle(options as LoginThrottleOptions);
      } catch (error) {
        expect(isSessionKitError(error, 'misconfigured')).toBe(true);
        return (error as Error).message;
      }
      throw new Error('accepted bad options');
    };
    expect(failure({ perAddress: 0 })).toMatch(/`perAddress`/);
    expect(failure({ perAccount: 2.5 })).toMatch(/`perAccount`/);
    expect(failure({ windowMs: 10 })).toMatch(/`windowMs`/);
    expect(failure({ ipv6Subnet: 128 })).toMatch(/`ipv6Subnet`/);
    expect(failure({ accountOf: 'username' })).toMatch(/`accountOf`/);
    expect(failure({ store: {} })).toMatch(/`store`/);
  });
});
