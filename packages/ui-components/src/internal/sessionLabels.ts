import type { Location } from '@sessionkit/core/browser';
import type { SessionRecord } from '@sessionkit/core/browser';
import type { Text } from './useText.js';

/** "Chrome 131 · macOS 15", or the app's name for app sessions. */
export function softwareLine(session: SessionRecord): string {
  const { device, client } = session;
  const browser = [device.browser, device.browserVersion?.split('.')[0]].filter(Boolean).join(' ');
  const os = [device.os, device.osVersion].filter(Boolean).join(' ');
  const first = session.kind === 'browser' ? browser : (client.name ?? browser);
  return [first, os].filter(Boolean).join(' · ');
}

/** "Lisbon, Portugal", "Local network" or "Unknown location". */
export function placeLabel(location: Location | null, t: Text): string {
  if (!location) return t('common.unknownLocation', 'Unknown location');
  if (location.local) return t('common.localNetwork', 'Local network');
  const parts = [location.city, location.country ?? location.countryCode].filter(Boolean);
  return parts.length ? parts.join(', ') : t('common.unknownLocation', 'Unknown location');
}

/** What a person calls the session: their own name for the device, the device name an app sent, else the parsed label. */
export function deviceName(session: SessionRecord): string {
  if (session.device.detectedLabel) return session.device.label;
  return session.client.deviceName ?? session.device.label;
}
