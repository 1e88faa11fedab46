/** How a session was opened: a browser cookie, a mobile app, or an API client with a bearer token. */
export type SessionKind = 'browser' | 'mobile' | 'api';

/** Why a session stopped. Every ending carries exactly one. */
export type EndReason =
  | 'logout'
  | 'revoked'
  | 'revoked_others'
  | 'force_logout'
  | 'idle_timeout'
  | 'expired'
  | 'concurrency_limit'
  | 'password_changed'
  | 'user_deactivated';

export const END_REASONS: readonly EndReason[] = [
  'logout',
  'revoked',
  'revoked_others',
  'force_logout',
  'idle_timeout',
  'expired',
  'concurrency_limit',
  'password_changed',
  'user_deactivated',
];

export type SessionStatus = 'active' | 'ended';

/** What an app says about itself at login; a device name wins over the User-Agent in labels. */
export interface ClientInfo {
  name?: string;
  deviceName?: string;
}

export type DeviceType =
  'desktop' | 'mobile' | 'tablet' | 'tv' | 'wearable' | 'console' | 'embedded' | 'unknown';

/** Parsed from the User-Agent (and the client info) once, at issue. */
export interface Device {
  browser: string | null;
  browserVersion: string | null;
  os: string | null;
  osVersion: string | null;
  type: DeviceType;
  vendor: string | null;
  model: string | null;
  /** What people read: "Chrome on macOS", "Safari on iPhone", or the app's device name. */
  label: string;
  /**
   * In answers only, when the person named the device ("Work laptop"): `label` then holds their name and this
   * the label read from the User-Agent (deviceNames.ts).
   */
  detectedLabel?: string;
  /** In answers only: the person marked the device trusted (no new-device alerts from it). */
  trusted?: boolean;
}

/**
 * Whether two sessions came from the same device, as far as the User-Agent and the app tell: the same
 * software, system and hardware. A browser's version isn't part of it: updates don't make a new device.
 */
export function sameDevice(a: Device, b: Device): boolean {
  return (
    (a.detectedLabel ?? a.label) === (b.detectedLabel ?? b.label) &&
    a.type === b.type &&
    a.browser === b.browser &&
    a.os === b.os &&
    a.vendor === b.vendor &&
    a.model === b.model
  );
}

/** A place resolved from an IP address. `local` marks private and loopback ranges ("Local network"). */
export interface Location {
  city: string | null;
  region: string | null;
  country: string | null;
  countryCode: string | null;
  isp: string | null;
  latitude: number | null;
  longitude: number | null;
  local: boolean;
}

export interface SessionActivity {
  actions: number;
  lastPath: string | null;
}

export interface Session {
  /** Public id (`ses_…`): safe to show, never a credential. */
  id: string;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  tokenHash: string;
  userId: string;
  tenantId: string;
  kind: SessionKind;
  client: ClientInfo;
  device: Device;
  /** The IP the session was opened from. */
  ip: string;
  lastIp: string;
  location: Location | null;
  createdAt: Date;
  lastSeenAt: Date;
  rememberMe: boolean;
  status: SessionStatus;
  endedAt: Date | null;
  endReason: EndReason | null;
  /** The user id of whoever ended it, or null for the system (timeouts, limits). */
  endedBy: string | null;
  /**
   * The words whoever ended it gave (an administrator's reason for a force logout), kept on the session so
   * the signed-out person's very next request can be told why. Null when none were given.
   */
  endNote: string | null;
  activity: SessionActivity;
  /**
   * The concurrency slot the session holds while the tenant's limit is on, else null.
   * Slots are unique-key documents so the limit holds under races on every store.
   */
  slot: number | null;
}

/** A session as it may leave the server: no token hash. */
export type PublicSession = Omit<Session, 'tokenHash' | 'slot'>;

export function toPublicSession(session: Session): PublicSession {
  // Destructure rather than copy-and-delete so a new secret field can't leak by default.
  const { tokenHash: _tokenHash, slot: _slot, ...rest } = session;
  return rest;
}

/** The short form of a session id people see on screens: `ses_3f9a…c21b`. */
export function truncateSessionId(id: string): string {
  if (id.length <= 14) return id;
  return `${id.slice(0, 8)}…${id.slice(-4)}`;
}
