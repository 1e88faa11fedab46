import type { AuthProvider, CheckResponse } from '@refinedev/core';
import type { EndReason } from '@sessionkit/core/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionKitRequestError, sessionKitDataProvider } from './dataProvider.js';
import { forgetSessionEnded } from './internal/sessionEndMemory.js';
import {
  retryUnlessSignedOut,
  sessionEndedFromError,
  sessionEndedFromLoginUrl,
  sessionEndedLoginUrl,
  sessionKitAuthProvider,
  sessionKitRetry,
} from './sessionEnded.js';

const ended = (reason: EndReason, note?: string) =>
  new SessionKitRequestError(401, {
    error: 'session_ended',
    message: 'this session has ended',
    reason,
    ...(note ? { note } : {}),
  });
const unauthenticated = () =>
  new SessionKitRequestError(401, { error: 'unauthenticated', message: 'sign in first' });
const outage = () =>
  new SessionKitRequestError(503, { error: 'store_unavailable', message: 'session storage is unavailable' });

function aHostAuthProvider(overrides: Partial<AuthProvider> = {}): AuthProvider {
  return {
    login: vi.fn(async () => ({ success: true })),
    logout: vi.fn(async () => ({ success: true, redirectTo: '/login' })),
    check: vi.fn(async () => ({ authenticated: true })),
    onError: vi.fn(async () => ({})),
    ...overrides,
  };
}

/** A kit data provider whose server answers each request with the next of `answers`. */
function aDataProviderAnswering(...answers: { status: number; body: unknown }[]) {
  const fetch = vi.fn(async () => {
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return sessionKitDataProvider('/api/sessions', { fetch, readCookie: () => null });
}

beforeEach(() => forgetSessionEnded());

describe('sessionKitAuthProvider', () => {
  it('logs out and sends the person to the login page with the reason and the administrator’s words', async () => {
    const error = ended('force_logout', 'Lost laptop');
    expect(await sessionKitAuthProvider(aHostAuthProvider()).onError(error)).toEqual({
      logout: true,
      redirectTo: '/login?reason=force_logout&note=Lost+laptop',
      error,
    });
  });

  it('keeps the reason when Refine’s retries, after the answer that cleared the cookie, only hear unauthenticated', async () => {
    const provider = aDataProviderAnswering(
      { status: 401, body: { error: 'session_ended', reason: 'force_logout', note: 'Lost laptop' } },
      { status: 401, body: { error: 'unauthenticated' } },
    );
    await expect(provider.getList({ resource: 'me/sessions' })).rejects.toThrow();
    const lastRetry = await provider.getList({ resource: 'me/sessions' }).catch((e: unknown) => e);
    expect(await sessionKitAuthProvider(aHostAuthProvider()).onError(lastRetry)).toMatchObject({
      logout: true,
      redirectTo: '/login?reason=force_logout&note=Lost+laptop',
    });
  });

  it('keeps the reason for the host’s own queries that only heard unauthenticated', async () => {
    await sessionKitAuthProvider(aHostAuthProvider()).onError({
      status: 401,
      body: { error: 'session_ended', reason: 'idle_timeout' },
    });
    // Also when the host creates its auth provider again (inside a component, on every render).
    const again = sessionKitAuthProvider(aHostAuthProvider());
    expect(await again.onError({ status: 401, body: { error: 'unauthenticated' } })).toMatchObject({
      logout: true,
      redirectTo: '/login?reason=idle_timeout',
    });
  });

  it('asks for one logout however many queries fail with the same ending', async () => {
    const authProvider = sessionKitAuthProvider(aHostAuthProvider());
    const answers = await Promise.all([
      authProvider.onError(ended('force_logout')),
      authProvider.onError(ended('force_logout')),
      authProvider.onError(unauthenticated()),
      authProvider.onError(unauthenticated()),
    ]);
    expect(answers.filter((a) => a.logout)).toHaveLength(1);
    expect(answers.slice(1)).toEqual([{}, {}, {}]);
  });

  it('lets a reason that arrives late still explain a sign-out that had none', async () => {
    const authProvider = sessionKitAuthProvider(aHostAuthProvider());
    expect(await authProvider.onError(unauthenticated())).toMatchObject({
      logout: true,
      redirectTo: '/login',
    });
    expect(await authProvider.onError(ended('revoked'))).toMatchObject({
      logout: true,
      redirectTo: '/login?reason=revoked',
    });
    expect(await authProvider.onError(ended('revoked'))).toEqual({});
  });

  it('calls the host’s logout, and a new sign-in starts afresh', async () => {
    const host = aHostAuthProvider();
    const authProvider = sessionKitAuthProvider(host);
    const { redirectTo } = await authProvider.onError(ended('force_logout', 'Lost laptop'));
    await authProvider.logout({ redirectPath: redirectTo });
    expect(host.logout).toHaveBeenCalledWith({ redirectPath: redirectTo });
    await authProvider.login({ username: 'kofi' });
    // A later request without a session is no longer explained by the old ending, and signs out again.
    expect(await authProvider.onError(unauthenticated())).toMatchObject({
      logout: true,
      redirectTo: '/login',
    });
  });

  it('forgets the ending once a request sent after it succeeds, not when an older one does', async () => {
    const provider = aDataProviderAnswering({ status: 200, body: [] }, { status: 200, body: [] });
    const older = provider.getList({ resource: 'me/sessions' });
    await sessionKitAuthProvider(aHostAuthProvider()).onError(ended('expired'));
    await older;
    expect(await sessionKitAuthProvider(aHostAuthProvider()).onError(unauthenticated())).toMatchObject({
      redirectTo: '/login?reason=expired',
    });
    await provider.getList({ resource: 'me/sessions' });
    expect(await sessionKitAuthProvider(aHostAuthProvider()).onError(unauthenticated())).toMatchObject({
      redirectTo: '/login',
    });
  });

  it('asks the server nothing more once its session ended, until a check finds a new session', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify([]), { status: 200 }));
    fetch.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: 'session_ended', message: 'ended', reason: 'force_logout' }), {
        status: 401,
      }),
    );
    const provider = sessionKitDataProvider('/api/sessions', { fetch, readCookie: () => null });
    await expect(provider.getList({ resource: 'me/sessions' })).rejects.toMatchObject({ statusCode: 401 });
    // The refetches racing the sign-out: answered here as the server would, without a request.
    const raced = await Promise.allSettled([
      provider.getList({ resource: 'me/sessions' }),
      provider.getList({ resource: 'me/authorized-apps' }),
    ]);
    expect(raced.map((r) => r.status === 'rejected' && (r.reason as { body: unknown }).body)).toEqual([
      { error: 'unauthenticated', message: 'sign in first' },
      { error: 'unauthenticated', message: 'sign in first' },
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    // Another tab signed in: the panel's check finds the session, and requests go out again.
    await sessionKitAuthProvider(aHostAuthProvider()).check();
    await expect(provider.getList({ resource: 'me/sessions' })).resolves.toMatchObject({ data: [] });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps the ending when a check that left before it finds the old session', async () => {
    let answer: (value: { authenticated: boolean }) => void = () => undefined;
    const host = aHostAuthProvider({
      check: vi.fn(() => new Promise<CheckResponse>((resolve) => (answer = resolve))),
    });
    const authProvider = sessionKitAuthProvider(host);
    const check = authProvider.check();
    await authProvider.onError(ended('revoked'));
    answer({ authenticated: true });
    await check;
    expect(await sessionKitAuthProvider(aHostAuthProvider()).onError(unauthenticated())).toMatchObject({
      redirectTo: '/login?reason=revoked',
    });
  });

  it('sends a check that finds no session after an ending to the same address', async () => {
    const host = aHostAuthProvider({
      check: vi.fn(async () => ({ authenticated: false, redirectTo: '/login?to=%2Fteam' })),
    });
    const authProvider = sessionKitAuthProvider(host);
    expect(await authProvider.check()).toEqual({ authenticated: false, redirectTo: '/login?to=%2Fteam' });
    await authProvider.onError(ended('user_deactivated'));
    expect(await authProvider.check()).toEqual({
      authenticated: false,
      redirectTo: '/login?reason=user_deactivated',
    });
  });

  it('takes the host’s own redirect', async () => {
    const authProvider = sessionKitAuthProvider(aHostAuthProvider(), {
      redirectTo: (reason, note) => `/signin/${reason}${note ? `?why=${note}` : ''}`,
    });
    expect(await authProvider.onError(ended('password_changed'))).toMatchObject({
      redirectTo: '/signin/password_changed',
    });
  });

  it('leaves a request without a session to the host when told to', async () => {
    const host = aHostAuthProvider({ onError: vi.fn(async () => ({ redirectTo: '/welcome' })) });
    const authProvider = sessionKitAuthProvider(host, { unauthenticated: 'ignore' });
    expect(await authProvider.onError(unauthenticated())).toEqual({ redirectTo: '/welcome' });
  });

  it('leaves every other error to the host’s onError: an outage signs nobody out', async () => {
    const host = aHostAuthProvider();
    const error = outage();
    expect(await sessionKitAuthProvider(host).onError(error)).toEqual({});
    expect(host.onError).toHaveBeenCalledWith(error);
  });
});

describe('sessionEndedFromError', () => {
  it('reads the ending from fetch- and axios-shaped errors of other data providers', () => {
    expect(
      sessionEndedFromError({ status: 401, body: { error: 'session_ended', reason: 'idle_timeout' } }),
    ).toEqual({ reason: 'idle_timeout', note: null });
    expect(
      sessionEndedFromError({
        response: { status: 401, data: { error: 'session_ended', reason: 'expired', note: 'Moved' } },
      }),
    ).toEqual({ reason: 'expired', note: 'Moved' });
    expect(sessionEndedFromError({ statusCode: 403, body: { error: 'forbidden' } })).toBeNull();
    expect(sessionEndedFromError(unauthenticated())).toBeNull();
    expect(sessionEndedFromError(new Error('network down'))).toBeNull();
  });
});

describe('the login page’s address', () => {
  it('carries the reason and the note there and back', () => {
    const url = sessionEndedLoginUrl({ reason: 'force_logout', note: 'Lost laptop & phone' });
    expect(url).toBe('/login?reason=force_logout&note=Lost+laptop+%26+phone');
    expect(sessionEndedFromLoginUrl(url.slice(url.indexOf('?')))).toEqual({
      reason: 'force_logout',
      note: 'Lost laptop & phone',
    });
    expect(sessionEndedLoginUrl({ reason: 'idle_timeout', note: null }, '/signin')).toBe(
      '/signin?reason=idle_timeout',
    );
  });

  it('names no ending when the address has no reason', () => {
    expect(sessionEndedFromLoginUrl('?to=%2Fsettings')).toBeNull();
    expect(sessionEndedFromLoginUrl(new URLSearchParams('note=x'))).toBeNull();
  });
});

describe('sessionKitRetry', () => {
  it('never repeats a 401, and retries anything else three times', () => {
    expect(sessionKitRetry(0, ended('force_logout'))).toBe(false);
    expect(sessionKitRetry(0, unauthenticated())).toBe(false);
    expect(sessionKitRetry(0, { response: { status: 401, data: {} } })).toBe(false);
    expect(sessionKitRetry(2, outage())).toBe(true);
    expect(sessionKitRetry(3, outage())).toBe(false);
  });

  it('keeps the host’s own retry setting for everything but a 401', () => {
    expect(retryUnlessSignedOut(false)(0, outage())).toBe(false);
    expect(retryUnlessSignedOut(1)(0, outage())).toBe(true);
    expect(retryUnlessSignedOut(1)(1, outage())).toBe(false);
    expect(retryUnlessSignedOut(true)(9, outage())).toBe(true);
    expect(retryUnlessSignedOut(true)(0, ended('revoked'))).toBe(false);
    expect(retryUnlessSignedOut((n) => n < 5)(4, outage())).toBe(true);
  });
});
