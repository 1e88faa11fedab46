// Session records as `GET /me/sessions` answers them (docs/http-api.md), dates as ISO strings on the wire.
const NOW = Date.parse('2026-03-04T10:00:00Z');
const MINUTE = 60_000;

const DEVICES = [
  ['Chrome', '131.0.6778.86', 'macOS', '15.2', 'desktop', 'Apple', 'Macintosh', 'Chrome on macOS'],
  ['Mobile Safari', '18.2', 'iOS', '18.2', 'mobile', 'Apple', 'iPhone', 'Safari on iPhone'],
  ['Firefox', '133.0', 'Windows', '11', 'desktop', null, null, 'Firefox on Windows'],
  ['Chrome', '131.0.6778.104', 'Android', '15', 'mobile', 'Google', 'Pixel 9', 'Chrome on Pixel 9'],
] as const;

const PLACES = [
  ['Lisbon', 'Lisbon', 'Portugal', 'PT', 'MEO', 38.72, -9.14],
  ['Berlin', 'Berlin', 'Germany', 'DE', 'Deutsche Telekom', 52.52, 13.4],
  ['New York', 'New York', 'United States', 'US', 'Verizon Fios', 40.71, -74.0],
  ['Tokyo', 'Tokyo', 'Japan', 'JP', 'NTT', 35.68, 139.69],
] as const;

export const RENDER_NOW = new Date(NOW);

export function sessionsJson(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const [browser, browserVersion, os, osVersion, type, vendor, model, label] = DEVICES[i % DEVICES.length]!;
    const [city, region, country, countryCode, isp, latitude, longitude] = PLACES[i % PLACES.length]!;
    const ip = `198.51.${(i >> 8) & 255}.${i & 255}`;
    const created = new Date(NOW - (i + 1) * 37 * MINUTE).toISOString();
    return {
      id: `ses_${String(i).padStart(24, '0')}`,
      userId: 'u-bench',
      tenantId: 'default',
      kind: 'browser',
      client: {},
      device: { browser, browserVersion, os, osVersion, type, vendor, model, label },
      ip,
      lastIp: ip,
      location: { city, region, country, countryCode, isp, latitude, longitude, local: false },
      createdAt: created,
      lastSeenAt: new Date(NOW - i * 11 * MINUTE).toISOString(),
      rememberMe: i % 3 === 0,
      status: 'active',
      endedAt: null,
      endReason: null,
      endedBy: null,
      endNote: null,
      activity: { actions: i * 7, lastPath: '/dashboard' },
      current: i === 0,
      risk: [],
    };
  });
}
