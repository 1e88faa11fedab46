import { describe, expect, it } from 'vitest';
import { LOCAL_NETWORK, firstPlace, isPrivateIp, normalizeIp, withLocalNetwork } from './geo.js';

describe('isPrivateIp', () => {
  it.each([
    '10.1.2.3',
    '127.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.10',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:10.0.0.1',
  ])('%s is local', (ip) => expect(isPrivateIp(ip)).toBe(true));

  it.each(['8.8.8.8', '81.2.69.142', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => expect(isPrivateIp(ip)).toBe(false),
  );
});

describe('normalizeIp', () => {
  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(normalizeIp(' ::ffff:81.2.69.142 ')).toBe('81.2.69.142');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
  });
});

describe('withLocalNetwork', () => {
  const london = {
    city: 'London',
    region: null,
    country: 'United Kingdom',
    countryCode: 'GB',
    isp: null,
    latitude: 51.5,
    longitude: -0.1,
    local: false,
  };

  it('answers "Local network" for private ranges without asking the resolver', async () => {
    const geo = withLocalNetwork({
      lookup: async () => {
        throw new Error('must not be asked');
      },
    });
    expect(await geo.lookup('192.168.1.1')).toEqual(LOCAL_NETWORK);
  });

  it('asks the resolver for public addresses, unwrapped', async () => {
    const asked: string[] = [];
    const geo = withLocalNetwork({ lookup: async (ip) => (asked.push(ip), london) });
    expect(await geo.lookup('::ffff:81.2.69.142')).toEqual(london);
    expect(asked).toEqual(['81.2.69.142']);
  });

  it('reads a failing or missing resolver as an unknown place', async () => {
    expect(
      await withLocalNetwork({
        lookup: async () => {
          throw new Error('corrupt db');
        },
      }).lookup('8.8.8.8'),
    ).toBeNull();
    expect(await withLocalNetwork(null).lookup('8.8.8.8')).toBeNull();
  });
});

describe('firstPlace', () => {
  it('answers the first resolver that knows the address', async () => {
    const none = { lookup: async () => null };
    const paris = {
      city: 'Paris',
      region: null,
      country: 'France',
      countryCode: 'FR',
      isp: null,
      latitude: 48.9,
      longitude: 2.35,
      local: false,
    };
    expect(await firstPlace(none, { lookup: async () => paris }).lookup('2a01:cb00::1')).toEqual(paris);
    expect(await firstPlace(none).lookup('2a01:cb00::1')).toBeNull();
  });
});
