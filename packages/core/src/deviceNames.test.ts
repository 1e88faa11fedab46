import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { deviceKeyOf, parseDeviceChange } from './deviceNames.js';
import { describeDevice } from './device.js';
import { MemorySessionStore } from './memoryStore.js';
import { SessionService } from './sessionService.js';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CHROME_MAC_NEWER = CHROME_MAC.replace('131.0.0.0', '133.0.0.0');
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

let store: MemorySessionStore;
let service: SessionService;

beforeEach(() => {
  store = new MemorySessionStore();
  service = new SessionService({ store, clock: new ManualClock('2026-03-02T10:00:00.000Z') });
});

async function login(userId: string, userAgent: string) {
  const result = await service.issue({ tenantId: 't', userId, ip: '10.0.0.1', userAgent });
  if (result.status !== 'issued') throw new Error('not issued');
  return result.session;
}

describe('device keys', () => {
  it('are the same across browser updates and differ between devices', () => {
    expect(deviceKeyOf(describeDevice(CHROME_MAC))).toBe(deviceKeyOf(describeDevice(CHROME_MAC_NEWER)));
    expect(deviceKeyOf(describeDevice(CHROME_MAC))).not.toBe(deviceKeyOf(describeDevice(FIREFOX_WINDOWS)));
    expect(deviceKeyOf(describeDevice(CHROME_MAC))).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('naming and trusting devices', () => {
  it('shows the name in place of the label on every session of that device of that person', async () => {
    const first = await login('u_ada', CHROME_MAC);
    const later = await login('u_ada', CHROME_MAC_NEWER);
    const other = await login('u_ada', FIREFOX_WINDOWS);
    const bobs = await login('u_bob', CHROME_MAC);
    await service.devices.update(
      't',
      'u_ada',
      first.id,
      { name: '  Work laptop ', trusted: true },
      {
        userId: 'u_ada',
      },
    );
    const shown = await service.devices.overlay('t', [first, later, other, bobs]);
    expect(shown.map((s) => s.device.label)).toEqual([
      'Work laptop',
      'Work laptop',
      'Firefox on Windows',
      'Chrome on macOS',
    ]);
    expect(shown[1]?.device).toMatchObject({ detectedLabel: 'Chrome on macOS', trusted: true });
    expect(shown[2]?.device.detectedLabel).toBeUndefined();
    const audit = await store.listAuditEvents({ tenantId: 't', actions: ['device_updated'] });
    expect(audit.items).toMatchObject([
      { targetUserId: 'u_ada', details: { name: 'Work laptop', trusted: true, device: 'Chrome on macOS' } },
    ]);
  });

  it('changes one field at a time and a blank name goes back to the detected label', async () => {
    const s = await login('u_ada', CHROME_MAC);
    const actor = { userId: 'u_ada' };
    await service.devices.update('t', 'u_ada', s.id, { name: 'Work laptop' }, actor);
    expect(await service.devices.update('t', 'u_ada', s.id, { trusted: true }, actor)).toMatchObject({
      name: 'Work laptop',
      trusted: true,
    });
    expect(await service.devices.update('t', 'u_ada', s.id, { name: ' ' }, actor)).toMatchObject({
      name: null,
      trusted: true,
    });
    const [shown] = await service.devices.overlay('t', [s]);
    expect(shown?.device).toMatchObject({ label: 'Chrome on macOS', trusted: true });
  });

  it('refuses another person’s session as not found, and changes nothing', async () => {
    const bobs = await login('u_bob', CHROME_MAC);
    await expect(
      service.devices.update('t', 'u_ada', bobs.id, { name: 'Mine now' }, { userId: 'u_ada' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.listDevices('t', ['u_ada', 'u_bob'])).toEqual([]);
  });

  it('names the field of bad input', () => {
    const field = (input: unknown) => {
      try {
        parseDeviceChange(input);
        return 'accepted';
      } catch (error) {
        return (error as { field?: string }).field;
      }
    };
    expect(field(null)).toBe('body');
    expect(field({})).toBe('name');
    expect(field({ name: 7 })).toBe('name');
    expect(field({ name: 'x'.repeat(61) })).toBe('name');
    expect(field({ name: 'two\nlines' })).toBe('name');
    expect(field({ trusted: 'yes' })).toBe('trusted');
    expect(field({ name: 'ok', colour: 'red' })).toBe('colour');
    expect(field({ name: 'x'.repeat(60), trusted: false })).toBe('accepted');
  });

  it('an administrator ending one of the person’s sessions ends the device’s trust; the person ending it does not', async () => {
    const s = await login('u_ada', CHROME_MAC);
    await service.devices.update(
      't',
      'u_ada',
      s.id,
      { trusted: true, name: 'Work laptop' },
      { userId: 'u_ada' },
    );
    const second = await login('u_ada', CHROME_MAC);
    await service.revoke('t', s.id, { actor: { userId: 'u_ada' }, endReason: 'logout' });
    expect(await service.devices.isTrusted('t', 'u_ada', s.device)).toBe(true);
    await service.revoke('t', second.id, { actor: { userId: 'u_admin' }, reason: 'lost' });
    expect(await service.devices.isTrusted('t', 'u_ada', s.device)).toBe(false);
    const [shown] = await service.devices.overlay('t', [s]);
    expect(shown?.device.label).toBe('Work laptop');
  });
});
