import { MemorySessionStore, ManualClock, StaticUserDirectory, isSessionKitError } from '@sessionkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionKitOptions } from './kitOptions.js';
import { createSessionKit } from './createSessionKit.js';

const base = (): SessionKitOptions => ({
  store: new MemorySessionStore(),
  directory: new StaticUserDirectory([]),
  csrfSecret: 'a-csrf-secret-of-at-least-32-characters!',
  sweepIntervalMs: 0,
});

function failure(options: unknown): string {
  try {
    createSessionKit(options as SessionKitOptions);
  } catch (error) {
    expect(isSessionKitError(error, 'misconfigured')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('createSessionKit accepted bad options');
}

function modeFailure(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(isSessionKitError(error, 'misconfigured')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('the mode accepted bad options');
}

describe('adoption mode options', () => {
  it('name the option to fix at start-up', () => {
    const kit = createSessionKit(base());
    const bad = (options: unknown) => options as never;
    expect(modeFailure(() => kit.expressSession(bad({ userOf: 'passport' })))).toMatch(/`userOf`/);
    expect(modeFailure(() => kit.expressSession(bad({ tenantOf: 1 })))).toMatch(/`tenantOf`/);
    expect(modeFailure(() => kit.expressSession(bad({ csrf: 'yes' })))).toMatch(/`csrf`/);
    expect(modeFailure(() => kit.jwt.authenticate(bad({})))).toMatch(/`verify` is required/);
    const verify = () => ({});
    expect(modeFailure(() => kit.jwt.authenticate(bad({ verify, sessionClaim: '' })))).toMatch(
      /`sessionClaim`/,
    );
    expect(modeFailure(() => kit.jwt.authenticate(bad({ verify, tokenOf: 'cookie' })))).toMatch(/`tokenOf`/);
    expect(
      modeFailure(() => kit.jwt.authenticate(bad({ verify, adopt: { issuedBefore: 'yesterday' } }))),
    ).toMatch(/`adopt.issuedBefore`/);
    expect(
      modeFailure(() =>
        kit.jwt.authenticate(bad({ verify, adopt: { issuedBefore: new Date(), userOf: 'sub' } })),
      ),
    ).toMatch(/`adopt.userOf`/);
    expect(kit.expressSession()).toBeTypeOf('function');
    expect(kit.jwt.authenticate({ verify })).toBeTypeOf('function');
  });
});

describe('createSessionKit options', () => {
  it('names the option to fix', () => {
    expect(failure({ ...base(), store: undefined })).toMatch(/`store` is missing/);
    expect(failure({ ...base(), directory: undefined })).toMatch(/`directory` is required/);
    expect(failure({ ...base(), csrfSecret: 'short' })).toMatch(/`csrfSecret`/);
    expect(failure({ ...base(), cookie: { name: 'bad name;' } })).toMatch(/`cookie.name`/);
    expect(failure({ ...base(), cookie: { sameSite: 'none', secure: false } })).toMatch(/`cookie.sameSite`/);
    expect(failure({ ...base(), cookie: { sameSite: 'sideways' } })).toMatch(/`cookie.sameSite`/);
    expect(failure({ ...base(), cookie: { path: 'api' } })).toMatch(/`cookie.path`/);
    expect(failure({ ...base(), cookie: { name: 'sid', csrfName: 'sid' } })).toMatch(/`cookie.csrfName`/);
    // Browsers drop prefixed cookies that break the prefix's rules: refuse them at start-up, not silently.
    expect(failure({ ...base(), cookie: { name: '__Host-sid', domain: 'acme.test' } })).toMatch(
      /`cookie.name`.*__Host-/,
    );
    expect(failure({ ...base(), cookie: { name: '__Host-sid', path: '/app' } })).toMatch(/`cookie.name`/);
    expect(failure({ ...base(), cookie: { name: '__host-sid', secure: false } })).toMatch(/`cookie.name`/);
    expect(failure({ ...base(), cookie: { csrfName: '__Secure-csrf', secure: false } })).toMatch(
      /`cookie.csrfName`.*__Secure-/,
    );
    expect(failure({ ...base(), authorize: 'admins' })).toMatch(/`authorize`/);
    expect(failure({ ...base(), sweepIntervalMs: 5 })).toMatch(/`sweepIntervalMs`/);
    expect(failure({ ...base(), bodyLimitBytes: 10 * 1024 * 1024 })).toMatch(/`bodyLimitBytes`/);
    expect(failure({ ...base(), mongoose: {} })).toMatch(/`store` and `mongoose`/);
    expect(failure({ ...base(), store: undefined, mongoose: {} })).toMatch(
      /`mongoose` must be a Mongoose Connection/,
    );
    expect(failure({ ...base(), requireForceLogoutReason: 'yes' })).toMatch(/`requireForceLogoutReason`/);
  });

  it('refuses bad policy defaults at start-up, naming the field', () => {
    let error: unknown;
    try {
      createSessionKit({ ...base(), policyDefaults: { idleTimeout: { unit: 'weeks' } } });
    } catch (e) {
      error = e;
    }
    expect(isSessionKitError(error, 'invalid_input')).toBe(true);
    expect((error as { field?: string }).field).toBe('idleTimeout.unit');
  });

  it('hands the store it was given to nobody: not the service, not its parts', () => {
    const store = new MemorySessionStore();
    const kit = createSessionKit({ ...base(), store });
    expect('store' in kit.service).toBe(false);
    // Everything reachable from the kit by property, two levels down (the service's parts included).
    const reachable = [kit, kit.service, ...Object.values(kit), ...Object.values(kit.service)];
    expect(reachable.filter((value) => value === store)).toEqual([]);
    for (const part of [
      kit.service.admission,
      kit.service.endings,
      kit.service.views,
      kit.service.credentials,
    ]) {
      expect(Object.values(part)).not.toContain(store);
    }
  });

  it('sweeps on a timer that close() stops', async () => {
    // Only the interval timer is faked: the sweeper's schedule is what is under test, not the clock.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const kit = createSessionKit({ ...base(), clock: new ManualClock(), sweepIntervalMs: 60_000 });
    const sweep = vi.spyOn(kit.service, 'sweep');
    vi.advanceTimersByTime(59_999);
    expect(sweep).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(sweep).toHaveBeenCalledTimes(1);
    await kit.close();
    vi.advanceTimersByTime(600_000);
    expect(sweep).toHaveBeenCalledTimes(1);
  });
});

afterEach(() => {
  vi.useRealTimers();
});
