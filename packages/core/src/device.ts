import { UAParser } from 'ua-parser-js';
import type { ClientInfo, Device, DeviceType } from './session.js';

const DEVICE_TYPES: readonly DeviceType[] = ['mobile', 'tablet', 'tv', 'wearable', 'console', 'embedded'];

/**
 * Reads a User-Agent into the parts the sessions screens show. An app that names its device
 * ("Dana's iPhone") is labelled by that name, as the fleet and SaaS sources do for mobile logins.
 */
export function describeDevice(userAgent: string | null | undefined, client: ClientInfo = {}): Device {
  const ua = new UAParser(userAgent ?? '').getResult();
  const rawType = ua.device.type as DeviceType | undefined;
  const os = ua.os.name ?? null;
  const type: DeviceType =
    rawType && DEVICE_TYPES.includes(rawType) ? rawType : os && DESKTOP_OSES.has(os) ? 'desktop' : 'unknown';
  const device: Omit<Device, 'label'> = {
    browser: browserName(ua.browser.name),
    browserVersion: ua.browser.version ?? null,
    os,
    osVersion: ua.os.version ?? null,
    type,
    vendor: ua.device.vendor ?? null,
    model: ua.device.model ?? null,
  };
  return { ...device, label: deviceLabel(device, client) };
}

/** "Mobile Safari" and "Chrome Mobile" are the same browsers to a person reading the list. */
function browserName(name: string | undefined): string | null {
  if (!name) return null;
  return name.replace(/^Mobile /, '').replace(/ Mobile$/, '') || name;
}

const DESKTOP_OSES = new Set([
  'Mac OS',
  'macOS',
  'Windows',
  'Linux',
  'Ubuntu',
  'Debian',
  'Fedora',
  'Chromium OS',
  'FreeBSD',
]);

const OS_NAMES: Record<string, string> = { 'Mac OS': 'macOS', 'Chromium OS': 'ChromeOS' };

/** "Chrome on macOS", "Safari on iPhone", "Slack on Android", the app's device name, or "Unknown device". */
export function deviceLabel(device: Omit<Device, 'label'>, client: ClientInfo = {}): string {
  if (client.deviceName?.trim()) return client.deviceName.trim();
  const app = client.name?.trim() || device.browser;
  // On phones and tablets the hardware reads better than the OS ("Safari on iPhone", not "on iOS").
  const where =
    (device.type === 'mobile' || device.type === 'tablet') && device.model && device.vendor === 'Apple'
      ? device.model
      : device.os
        ? (OS_NAMES[device.os] ?? device.os)
        : null;
  if (app && where) return `${app} on ${where}`;
  return app ?? where ?? 'Unknown device';
}
