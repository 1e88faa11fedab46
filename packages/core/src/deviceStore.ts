import type { RiskKind } from './risk.js';

/**
 * A device a person named or trusted, kept per device (the key `deviceKeyOf` derives from what the User-Agent
 * tells), not per session: a device signs in many times, and both its name and its trust must reach its next
 * sign-in, which is where a trusted device is spared the new-device alert.
 */
export interface DeviceRecord {
  tenantId: string;
  userId: string;
  deviceKey: string;
  /** The person's name for it ("Work laptop"), or null to show the detected label. */
  name: string | null;
  trusted: boolean;
  updatedAt: Date;
}

/** What became of a sign-in alert: still waiting, confirmed by the person, or answered "this wasn't me". */
export type SignInAlertStatus = 'open' | 'confirmed' | 'denied';

/** A sign-in the kit told the person about, with the one-use "this wasn't me" link's hash. */
export interface SignInAlert {
  /** Public id (`alr_…`). */
  id: string;
  tenantId: string;
  userId: string;
  sessionId: string;
  /** SHA-256 of the link's secret, hex: the secret itself is never stored. */
  linkHash: string;
  signals: RiskKind[];
  createdAt: Date;
  /** The link works until then; the alert still shows in the list after it. */
  expiresAt: Date;
  status: SignInAlertStatus;
  resolvedAt: Date | null;
}

/**
 * Device names, sign-in alerts and password-change asks: kept apart from the sessions (their own collections in
 * the Mongo store), so the per-request read never carries them.
 */
export interface DeviceStore {
  /** The named or trusted devices of these people. */
  listDevices(tenantId: string, userIds: readonly string[]): Promise<DeviceRecord[]>;
  /** One device of one person, by its key (a read by `_id` on the Mongo store: it runs at every force logout). */
  findDevice(tenantId: string, userId: string, deviceKey: string): Promise<DeviceRecord | null>;
  /** Creates or replaces the record of one device of one person. */
  saveDevice(record: DeviceRecord): Promise<void>;

  /** Fails with `invalid_input` when the link hash is taken. */
  insertSignInAlert(alert: SignInAlert): Promise<void>;
  findSignInAlert(linkHash: string): Promise<SignInAlert | null>;
  /** One person's alerts, newest first. */
  listSignInAlerts(tenantId: string, userId: string): Promise<SignInAlert[]>;
  /**
   * Moves an open alert to `status`, exactly once whatever races it: answers the alert as it now is to the one
   * call that resolved it, and null to every other (already resolved, or unknown).
   */
  resolveSignInAlert(
    linkHash: string,
    status: Exclude<SignInAlertStatus, 'open'>,
    at: Date,
  ): Promise<SignInAlert | null>;

  /** Records that the person was asked to change their password (at `at`), or clears the ask (null). */
  setPasswordChangeAsk(tenantId: string, userId: string, at: Date | null): Promise<void>;
  /** When the person was asked to change their password, or null when nothing is asked. */
  getPasswordChangeAsk(tenantId: string, userId: string): Promise<Date | null>;
}
