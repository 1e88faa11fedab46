import { describe, expect, it } from 'vitest';
import { describeDevice, deviceLabel } from './device.js';

const UA = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};

describe('describeDevice', () => {
  it('reads Chrome on macOS', () => {
    expect(describeDevice(UA.chromeMac)).toMatchObject({
      browser: 'Chrome',
      browserVersion: '131.0.0.0',
      os: 'Mac OS',
      type: 'desktop',
      label: 'Chrome on macOS',
    });
  });

  it('reads Safari on iPhone with the OS version', () => {
    expect(describeDevice(UA.safariIphone)).toMatchObject({
      browser: 'Safari',
      os: 'iOS',
      osVersion: '17.5',
      type: 'mobile',
      vendor: 'Apple',
      model: 'iPhone',
      label: 'Safari on iPhone',
    });
  });

  it('reads Chrome on Windows and Firefox on Ubuntu', () => {
    expect(describeDevice(UA.chromeWindows).label).toBe('Chrome on Windows');
    expect(describeDevice(UA.firefoxUbuntu)).toMatchObject({ label: 'Firefox on Ubuntu', type: 'desktop' });
  });

  it('reads an Android phone with its vendor and model', () => {
    expect(describeDevice(UA.chromeAndroid)).toMatchObject({
      os: 'Android',
      type: 'mobile',
      vendor: 'Samsung',
      model: 'SM-S918B',
      label: 'Chrome on Android',
    });
  });

  it('names an iPad by its hardware', () => {
    expect(describeDevice(UA.ipad)).toMatchObject({ type: 'tablet', label: 'Safari on iPad' });
  });

  it('prefers the device name an app sends, then its app name', () => {
    expect(describeDevice('okhttp/4.12.0', { name: 'Fleet', deviceName: "Dana's Pixel" }).label).toBe(
      "Dana's Pixel",
    );
    expect(describeDevice(UA.safariIphone, { name: 'Fleet' }).label).toBe('Fleet on iPhone');
  });

  it('says "Unknown device" when nothing is known', () => {
    expect(describeDevice(undefined)).toMatchObject({
      browser: null,
      os: null,
      type: 'unknown',
      label: 'Unknown device',
    });
    expect(describeDevice('curl/8.5.0').label).toBe('Unknown device');
  });

  it('labels with what is known when only the OS or only the app is', () => {
    const base = {
      browser: null,
      browserVersion: null,
      osVersion: null,
      vendor: null,
      model: null,
      type: 'unknown' as const,
    };
    expect(deviceLabel({ ...base, os: 'Linux' })).toBe('Linux');
    expect(deviceLabel({ ...base, os: null }, { name: 'CLI' })).toBe('CLI');
    expect(deviceLabel({ ...base, os: 'Chromium OS', browser: 'Chrome' })).toBe('Chrome on ChromeOS');
  });
});
