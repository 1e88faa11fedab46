import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from './clock.js';
import { SessionKitError, isSessionKitError } from './errors.js';
import { toPublicSession, truncateSessionId } from './session.js';
import { aSession } from './testing/builders.js';
import { deriveSecret, hashSecret, newSecret, newSessionId, tokenPreview } from './tokens.js';
import { StaticUserDirectory } from './userDirectory.js';

describe('sessions as they leave the server', () => {
  it('carry no token hash', () => {
    const s = aSession();
    const pub = toPublicSession(s);
    expect(pub).not.toHaveProperty('tokenHash');
    expect(pub).not.toHaveProperty('slot');
    expect(JSON.stringify(pub)).not.toContain(s.tokenHash);
  });

  it('show a truncated id', () => {
    expect(truncateSessionId('ses_3f9aK2mZpQ8xY1c21b')).toBe('ses_3f9a…c21b');
    expect(truncateSessionId('ses_short')).toBe('ses_short');
  });
});

describe('tokens', () => {
  it('are 256 random bits, hashed with SHA-256, never equal twice', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(newSecret());
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(newSessionId()).toMatch(/^ses_[A-Za-z0-9_-]{22}$/);
    expect(tokenPreview('abcdefgh')).toBe('…efgh');
  });

  it('derive a secret from a host credential only with the key, apart per purpose and per part', () => {
    const key = 'k'.repeat(32);
    const derived = deriveSecret(key, 'express-session', 't', 'u', 'sid');
    expect(derived).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(deriveSecret(key, 'express-session', 't', 'u', 'sid')).toBe(derived);
    expect(deriveSecret('j'.repeat(32), 'express-session', 't', 'u', 'sid')).not.toBe(derived);
    expect(deriveSecret(key, 'jwt', 't', 'u', 'sid')).not.toBe(derived);
    expect(deriveSecret(key, 'express-session', 't', 'u\u0000sid')).not.toBe(
      deriveSecret(key, 'express-session', 't\u0000u', 'sid'),
    );
  });
});

describe('clocks', () => {
  it('move only when told', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    expect(clock.advance(1000).now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
    expect(clock.set('2027-01-01T00:00:00Z').now().getUTCFullYear()).toBe(2027);
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

describe('errors', () => {
  it('carry a code and the field at fault', () => {
    const e = new SessionKitError('invalid_input', 'bad', { field: 'x', cause: new Error('root') });
    expect(isSessionKitError(e, 'invalid_input')).toBe(true);
    expect(isSessionKitError(e, 'not_found')).toBe(false);
    expect(isSessionKitError(new Error('x'))).toBe(false);
    expect(e.field).toBe('x');
    expect(new SessionKitError('forbidden', 'no').cause).toBeUndefined();
  });
});

describe('StaticUserDirectory', () => {
  const dir = new StaticUserDirectory([
    { id: 'u1', tenantId: 't', name: 'Ada Lovelace', email: 'ada@example.com', department: 'Engineering' },
    { id: 'u2', tenantId: 't', name: 'Bob Stone', department: 'Sales' },
    { id: 'u1', tenantId: 'other', name: 'Someone Else' },
  ]);

  it('answers the users it knows, per tenant', async () => {
    expect((await dir.getUsers('t', ['u1', 'u9'])).map((u) => u.name)).toEqual(['Ada Lovelace']);
    expect((await dir.getUsers('other', ['u1']))[0]?.name).toBe('Someone Else');
  });

  it('searches names, emails and departments', async () => {
    expect(await dir.searchUserIds('t', 'SALES')).toEqual(['u2']);
    expect(await dir.searchUserIds('t', 'example.com')).toEqual(['u1']);
  });
});
