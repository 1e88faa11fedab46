import { describe, expect, it } from 'vitest';
import { SessionKitRequestError } from './dataProvider.js';
import { sessionEndedNote, sessionEndedOnError, sessionEndedReason } from './sessionEnded.js';

const ended = (reason: string) => new SessionKitRequestError(401, { error: 'session_ended', reason });

describe('sessionEndedOnError', () => {
  it('logs out and sends the user to the login page with the reason when their session has ended', async () => {
    const error = ended('force_logout');
    expect(await sessionEndedOnError()(error)).toEqual({
      logout: true,
      redirectTo: '/login?reason=force_logout',
      error,
    });
  });

  it('reads the reason from fetch- and axios-shaped errors of other data providers', () => {
    expect(
      sessionEndedReason({ status: 401, body: { error: 'session_ended', reason: 'idle_timeout' } }),
    ).toBe('idle_timeout');
    expect(
      sessionEndedReason({ response: { status: 401, data: { error: 'session_ended', reason: 'expired' } } }),
    ).toBe('expired');
    expect(sessionEndedReason({ statusCode: 403, body: { error: 'forbidden' } })).toBeNull();
    expect(sessionEndedReason(new Error('network down'))).toBeNull();
  });

  it('hands the administrator’s words to the host’s redirect', async () => {
    const error = new SessionKitRequestError(401, {
      error: 'session_ended',
      reason: 'force_logout',
      note: 'Lost laptop',
    });
    expect(sessionEndedNote(error)).toBe('Lost laptop');
    expect(sessionEndedNote(ended('idle_timeout'))).toBeNull();
    expect(sessionEndedNote(new SessionKitRequestError(403, { error: 'forbidden', note: 'x' }))).toBeNull();
    const onError = sessionEndedOnError({
      redirectTo: (reason, note) => `/login?reason=${reason}&note=${encodeURIComponent(note ?? '')}`,
    });
    expect(await onError(error)).toMatchObject({
      redirectTo: '/login?reason=force_logout&note=Lost%20laptop',
    });
  });

  it('takes the host’s own redirect', async () => {
    const onError = sessionEndedOnError({ redirectTo: (reason) => `/signin/${reason}` });
    expect(await onError(ended('password_changed'))).toMatchObject({
      redirectTo: '/signin/password_changed',
    });
  });

  it('logs out a request without a session, unless told to leave it to the host', async () => {
    const unauthenticated = new SessionKitRequestError(401, { error: 'unauthenticated' });
    expect(await sessionEndedOnError()(unauthenticated)).toMatchObject({
      logout: true,
      redirectTo: '/login',
    });
    expect(await sessionEndedOnError({ unauthenticated: 'ignore' })(unauthenticated)).toEqual({});
  });

  it('leaves other errors alone, or to the host’s fallback: an outage signs nobody out', async () => {
    const outage = new SessionKitRequestError(503, { error: 'store_unavailable' });
    expect(await sessionEndedOnError()(outage)).toEqual({});
    const fallback = sessionEndedOnError({ fallback: async (e) => ({ error: e as Error }) });
    expect(await fallback(outage)).toEqual({ error: outage });
  });
});
