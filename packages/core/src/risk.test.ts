import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from './clock.js';
import { distanceKm, highestRisk, riskSignals } from './risk.js';
import type { Location } from './session.js';
import { aSession } from './testing/builders.js';

const now = new Date('2026-03-02T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const place = (
  city: string,
  countryCode: string,
  country: string,
  latitude: number,
  longitude: number,
): Location => ({
  city,
  region: null,
  country,
  countryCode,
  isp: null,
  latitude,
  longitude,
  local: false,
});
const LONDON = place('London', 'GB', 'United Kingdom', 51.5, -0.12);
const MANCHESTER = place('Manchester', 'GB', 'United Kingdom', 53.48, -2.24);
const LAGOS = place('Lagos', 'NG', 'Nigeria', 6.45, 3.4);

const iphone = {
  browser: 'Safari',
  browserVersion: '17.5',
  os: 'iOS',
  osVersion: '17.5',
  type: 'mobile' as const,
  vendor: 'Apple',
  model: 'iPhone',
  label: 'Safari on iPhone',
};

describe('riskSignals', () => {
  const home = aSession({ createdAt: ago(10 * DAY), location: LONDON, ip: '81.2.69.142' });

  it('finds nothing suspicious in a familiar device, place and address', () => {
    const again = aSession({ createdAt: ago(HOUR), location: LONDON, ip: '81.2.69.142' });
    expect(riskSignals(again, [home, again], { now })).toEqual([]);
  });

  it('does not judge a first login with nothing to compare against', () => {
    expect(riskSignals(home, [home], { now })).toEqual([]);
  });

  it('flags a new country and a new device as high', () => {
    const odd = aSession({ createdAt: ago(HOUR), location: LAGOS, ip: '41.58.0.1', device: iphone });
    const signals = riskSignals(odd, [home, odd], { now });
    expect(signals.map((s) => [s.kind, s.level])).toEqual([
      ['new_country', 'high'],
      ['new_device', 'high'],
    ]);
    expect(signals[0]?.message).toBe('Signed in from Nigeria, a country not seen on this account before.');
    expect(highestRisk(signals)).toBe('high');
  });

  it('flags a session open for longer than 30 days as stale (medium)', () => {
    const old = aSession({ createdAt: ago(45 * DAY), location: LONDON });
    const [signal] = riskSignals(old, [old], { now });
    expect(signal).toMatchObject({
      kind: 'stale_session',
      level: 'medium',
      message: 'This session was opened 45 days ago and is still signed in.',
    });
    expect(riskSignals({ ...old, status: 'ended' }, [old], { now })).toEqual([]);
  });

  it('flags an unrecognised public address in a known country as medium', () => {
    const elsewhere = aSession({ createdAt: ago(HOUR), location: MANCHESTER, ip: '86.1.2.3' });
    const signals = riskSignals(elsewhere, [home, elsewhere], { now });
    expect(signals).toMatchObject([{ kind: 'unrecognized_ip', level: 'medium' }]);
    expect(highestRisk(signals)).toBe('medium');
  });

  it('does not flag a local-network address', () => {
    const office = aSession({
      createdAt: ago(HOUR),
      ip: '10.0.0.5',
      location: { ...LONDON, local: true, countryCode: null },
    });
    expect(riskSignals(office, [home, office], { now })).toEqual([]);
  });

  it('flags impossible travel between two places too far apart for the time between them', () => {
    const first = aSession({ createdAt: ago(2 * HOUR), location: LONDON, ip: '81.2.69.142' });
    const second = aSession({ createdAt: ago(HOUR), location: LAGOS, ip: '41.58.0.1' });
    const signals = riskSignals(second, [first, second], { now });
    const travel = signals.find((s) => s.kind === 'impossible_travel');
    expect(travel?.message).toMatch(
      /^Signed in from Lagos 1 hours after a sign-in from London, 5\d{3} km away\.$/,
    );
  });

  it('allows travel that a plane could make', () => {
    const first = aSession({ createdAt: ago(12 * HOUR), location: LONDON });
    const second = aSession({ createdAt: ago(MINUTE), location: LAGOS, ip: '41.58.0.1' });
    expect(riskSignals(second, [first, second], { now }).map((s) => s.kind)).not.toContain(
      'impossible_travel',
    );
  });

  it('reports minutes for quick hops', () => {
    const first = aSession({ createdAt: ago(40 * MINUTE), location: LONDON });
    const second = aSession({ createdAt: ago(10 * MINUTE), location: LAGOS, ip: '41.58.0.1' });
    expect(
      riskSignals(second, [first, second], { now }).find((s) => s.kind === 'impossible_travel')?.message,
    ).toContain('30 minutes after');
  });

  it('has no level without signals and low for low-only signals', () => {
    expect(highestRisk([])).toBeNull();
    expect(highestRisk([{ kind: 'stale_session', level: 'low', message: '', sessionId: 's' }])).toBe('low');
  });
});

describe('distanceKm', () => {
  it('measures London to Paris at about 340 km', () => {
    expect(Math.round(distanceKm(51.5074, -0.1278, 48.8566, 2.3522))).toBeGreaterThan(330);
    expect(Math.round(distanceKm(51.5074, -0.1278, 48.8566, 2.3522))).toBeLessThan(350);
  });
});
