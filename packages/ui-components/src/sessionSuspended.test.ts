import type { AuthProvider } from '@refinedev/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionKitRequestError, sessionKitDataProvider } from './dataProvider.js';
import { forgetSessionEnded } from './internal/sessionEndMemory.js';
import { sessionKitAuthProvider } from './sessionEnded.js';
import {
  forgetSessionSuspended,
  parseSessionSuspended,
  sessionSuspendedFromLoginUrl,
  sessionSuspendedLoginUrl,
} from './sessionSuspended.js';

const UNTIL = '2026-03-04T14:00:00.000Z';
const body = {
  error: 'session_suspended',
  message: 'your sessions are suspended',
  reason: 'Security review',
  until: UNTIL,
};
const suspended = () => new SessionKitRequestError(401, body as never);

function aHostAuthProvider(overrides: Partial<AuthProvider> = {}): AuthProvider {
  return {
    login: vi.fn(async () => ({ success: true })),
    logout: vi.fn(async () => ({ success: true, redirectTo: '/login' })),
    check: vi.fn(async () => ({ authenticated: false })),
    onError: vi.fn(async () => ({})),
    ...overrides,
  };
}

beforeEach(() => {
  forgetSessionEnded();
  forgetSessionSuspended();
});

describe('a suspended session in the auth provider', () => {
  it('sends the person to the login page with the reason and the end, without signing them out', async () => {
    const host = aHostAuthProvider();
    const error = suspended();
    const answer = await sessionKitAuthProvider(host).onError(error);
    expect(answer).toEqual({
      redirectTo: '/login?reason=session_suspended&note=Security+review&until=2026-03-04T14%3A00%3A00.000Z',
      error,
    });
    expect(answer).not.toHaveProperty('logout');
    expect(host.logout).not.toHaveBeenCalled();
    expect(host.onError).not.toHaveBeenCalled();
  });

  it('keeps sending a check that finds no session to the same page, until a request succeeds again', async () => {
    let signedIn = false;
    const host = aHostAuthProvider({ check: vi.fn(async () => ({ authenticated: signedIn })) });
    const provider = sessionKitAuthProvider(host);
    await provider.onError(suspended());
    expect((await provider.check()).redirectTo).toBe(
      sessionSuspendedLoginUrl({ reason: 'Security review', until: new Date(UNTIL) }),
    );
    // The suspension ended: the same session passes the check, and the page forgets the suspension.
    signedIn = true;
    expect((await provider.check()).authenticated).toBe(true);
    signedIn = false;
    expect((await provider.check()).redirectTo).toBeUndefined();
  });

  it('is a plain failure to the data provider’s caller, not a crash', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: 401 }));
    const provider = sessionKitDataProvider('/api/sessions', { fetch, readCookie: () => null });
    const error = await provider.getList({ resource: 'me/sessions' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionKitRequestError);
    expect(error).toMatchObject({ statusCode: 401 });
  });
});

describe('reading a suspension', () => {
  it('reads the 401 body and the login page address, and nothing else', () => {
    expect(parseSessionSuspended(401, body)).toEqual({ reason: 'Security review', until: new Date(UNTIL) });
    expect(parseSessionSuspended(401, { error: 'session_ended', reason: 'logout' })).toBeNull();
    expect(parseSessionSuspended(403, body)).toBeNull();
    const url = sessionSuspendedLoginUrl({ reason: 'Security review', until: new Date(UNTIL) });
    expect(sessionSuspendedFromLoginUrl(url.split('?')[1] ?? '')).toEqual({
      reason: 'Security review',
      until: new Date(UNTIL),
    });
    expect(sessionSuspendedFromLoginUrl('reason=force_logout')).toBeNull();
  });
});
