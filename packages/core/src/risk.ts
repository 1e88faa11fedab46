import { DAY, HOUR } from './clock.js';
import type { Session } from './session.js';

export type RiskLevel = 'high' | 'medium' | 'low';

export type RiskKind =
  'new_country' | 'new_device' | 'stale_session' | 'unrecognized_ip' | 'impossible_travel';

export interface RiskSignal {
  kind: RiskKind;
  level: RiskLevel;
  /** A sentence a person can read. */
  message: string;
  sessionId: string;
}

export interface RiskOptions {
  now: Date;
  /** A session older than this is "stale". Default 30 days. */
  staleAfterMs?: number;
  /** Faster than this between two logins is "impossible travel". Default 900 km/h (an airliner). */
  maxTravelKmh?: number;
}

/**
 * Warning signs for one session, judged against the same user's other sessions (active and ended):
 * places and devices seen before are trusted, as the SaaS source's "unknown location or device" rule reads.
 */
export function riskSignals(
  session: Session,
  history: readonly Session[],
  options: RiskOptions,
): RiskSignal[] {
  const before = history.filter(
    (s) => s.id !== session.id && s.userId === session.userId && s.createdAt < session.createdAt,
  );
  const signals: RiskSignal[] = [];
  const add = (kind: RiskKind, level: RiskLevel, message: string) =>
    signals.push({ kind, level, message, sessionId: session.id });
  // With no history there is nothing to compare against: a first login is not suspicious by itself.
  const hasHistory = before.length > 0;
  const place = session.location;

  if (hasHistory && place && !place.local && place.countryCode) {
    const known = before.some((s) => s.location?.countryCode === place.countryCode);
    if (!known)
      add(
        'new_country',
        'high',
        `Signed in from ${place.country ?? place.countryCode}, a country not seen on this account before.`,
      );
  }

  if (hasHistory) {
    const key = deviceKey(session);
    if (!before.some((s) => deviceKey(s) === key)) {
      add(
        'new_device',
        'high',
        `Signed in from ${session.device.label}, a device not seen on this account before.`,
      );
    }
  }

  const staleAfter = options.staleAfterMs ?? 30 * DAY;
  const age = options.now.getTime() - session.createdAt.getTime();
  if (session.status === 'active' && age > staleAfter) {
    add(
      'stale_session',
      'medium',
      `This session was opened ${Math.floor(age / DAY)} days ago and is still signed in.`,
    );
  }

  if (
    hasHistory &&
    place &&
    !place.local &&
    !before.some((s) => s.ip === session.ip || s.lastIp === session.ip)
  ) {
    if (!signals.some((s) => s.kind === 'new_country')) {
      add(
        'unrecognized_ip',
        'medium',
        `Signed in from ${session.ip}, a public IP address not seen on this account before.`,
      );
    }
  }

  const travel = impossibleTravel(session, before, options.maxTravelKmh ?? 900);
  if (travel) add('impossible_travel', 'high', travel);

  return signals;
}

/** The highest level among signals, or null when there are none. */
export function highestRisk(signals: readonly RiskSignal[]): RiskLevel | null {
  if (signals.some((s) => s.level === 'high')) return 'high';
  if (signals.some((s) => s.level === 'medium')) return 'medium';
  return signals.length ? 'low' : null;
}

function deviceKey(s: Session): string {
  return [s.client.deviceName ?? '', s.device.browser ?? '', s.device.os ?? '', s.device.model ?? ''].join(
    '|',
  );
}

function impossibleTravel(session: Session, before: readonly Session[], maxKmh: number): string | null {
  const here = session.location;
  if (!here || here.latitude === null || here.longitude === null) return null;
  // Compare with the latest earlier login that has coordinates.
  const previous = [...before]
    .filter((s) => s.location?.latitude != null && s.location.longitude != null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!previous?.location) return null;
  const km = distanceKm(
    previous.location.latitude!,
    previous.location.longitude!,
    here.latitude,
    here.longitude,
  );
  const hours = Math.max((session.createdAt.getTime() - previous.createdAt.getTime()) / HOUR, 1 / 60);
  if (km < 500 || km / hours <= maxKmh) return null;
  const from = previous.location.city ?? previous.location.country ?? 'another place';
  const to = here.city ?? here.country ?? 'here';
  return `Signed in from ${to} ${formatHours(hours)} after a sign-in from ${from}, ${Math.round(km)} km away.`;
}

function formatHours(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} minutes`;
  return `${Math.round(hours)} hours`;
}

/** Great-circle distance (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
