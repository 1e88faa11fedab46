import { createHash } from 'node:crypto';
import type { Actor } from './audit.js';
import type { DeviceRecord } from './deviceStore.js';
import { DEVICE_NAME_MAX } from './deviceLimits.js';
import { SessionKitError } from './errors.js';
import type { Device, EndReason, Session } from './session.js';
import type { ServiceDeps } from './serviceTypes.js';

/** What a person may change about one of their devices; either or both. */
export interface DeviceChange {
  /** Their name for it; null or blank goes back to the detected label. */
  name?: string | null;
  trusted?: boolean;
}

/**
 * The device a session came from, as a stable key: the parts `sameDevice` compares (never the browser's
 * version, which updates change), hashed so that the key is short and says nothing by itself.
 */
export function deviceKeyOf(device: Device): string {
  const parts = [
    device.detectedLabel ?? device.label,
    device.type,
    device.browser,
    device.os,
    device.vendor,
    device.model,
  ];
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex').slice(0, 32);
}

/** A device as answers show it: the person's name in place of the label (the detected one kept beside it). */
export function namedDevice(device: Device, record: DeviceRecord | undefined): Device {
  if (!record || (!record.name && !record.trusted)) return device;
  const detected = device.detectedLabel ?? device.label;
  return {
    ...device,
    label: record.name ?? detected,
    ...(record.name ? { detectedLabel: detected } : {}),
    ...(record.trusted ? { trusted: true } : {}),
  };
}

/**
 * Names and trust a person gives their devices. Kept per device key across the person's sessions, not per
 * session: each sign-in opens a new session, and the name ("Work laptop") and the trust must reach the next
 * one (trust is what spares it the new-device alert). Two identical machines (same browser, system and model)
 * share a key and so a name: the User-Agent can't tell them apart either.
 */
export class DeviceNames {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /** Names or trusts the device of one of the person's sessions; another person's session is `not_found`. */
  async update(
    tenantId: string,
    userId: string,
    sessionId: string,
    input: unknown,
    actor: Actor,
  ): Promise<DeviceRecord> {
    const change = parseDeviceChange(input);
    const session = await this.#d.store.findSessionById(tenantId, sessionId);
    if (!session || session.userId !== userId)
      throw new SessionKitError('not_found', 'no session with that id');
    const deviceKey = deviceKeyOf(session.device);
    const current = await this.#recordOf(tenantId, userId, deviceKey);
    const record: DeviceRecord = {
      tenantId,
      userId,
      deviceKey,
      name: change.name !== undefined ? change.name : (current?.name ?? null),
      trusted: change.trusted ?? current?.trusted ?? false,
      updatedAt: this.#d.clock.now(),
    };
    await this.#d.store.saveDevice(record);
    await this.#d.audit(tenantId, 'device_updated', actor, {
      targetUserId: userId,
      sessionId,
      details: { device: session.device.label, name: record.name, trusted: record.trusted },
    });
    return record;
  }

  /** The sessions with their devices named as their owners named them: one read for any number of people. */
  async overlay<T extends Session>(tenantId: string, sessions: readonly T[]): Promise<T[]> {
    if (sessions.length === 0) return [];
    const records = await this.#d.store.listDevices(tenantId, [...new Set(sessions.map((s) => s.userId))]);
    if (records.length === 0) return [...sessions];
    const byKey = new Map(records.map((r) => [`${r.userId}\u0000${r.deviceKey}`, r]));
    return sessions.map((s) => {
      const record = byKey.get(`${s.userId}\u0000${deviceKeyOf(s.device)}`);
      return record ? { ...s, device: namedDevice(s.device, record) } : s;
    });
  }

  /** After an ending: an administrator signing a device out (a force logout, or one of someone else's sessions). */
  readonly afterEnd = (ended: Session, endReason: EndReason, actor: Actor): Promise<void> =>
    endReason === 'force_logout' ||
    (endReason === 'revoked' && actor.userId !== null && actor.userId !== ended.userId)
      ? this.endTrust(ended, actor)
      : Promise.resolve();

  async isTrusted(tenantId: string, userId: string, device: Device): Promise<boolean> {
    return (await this.#recordOf(tenantId, userId, deviceKeyOf(device)))?.trusted === true;
  }

  /**
   * An administrator forced the device's session out: whatever made the device trusted may be what was
   * compromised, so it raises new-device alerts again until the person trusts it anew. Its name stays.
   */
  async endTrust(session: Session, actor: Actor): Promise<void> {
    const deviceKey = deviceKeyOf(session.device);
    const current = await this.#recordOf(session.tenantId, session.userId, deviceKey);
    if (!current?.trusted) return;
    await this.#d.store.saveDevice({ ...current, trusted: false, updatedAt: this.#d.clock.now() });
    await this.#d.audit(session.tenantId, 'device_trust_ended', actor, {
      targetUserId: session.userId,
      sessionId: session.id,
      details: { device: current.name ?? session.device.label },
    });
  }

  async #recordOf(tenantId: string, userId: string, deviceKey: string): Promise<DeviceRecord | undefined> {
    return (await this.#d.store.findDevice(tenantId, userId, deviceKey)) ?? undefined;
  }
}

/** Checks a change as a person sends it; bad input is `invalid_input` naming the field. */
export function parseDeviceChange(input: unknown): DeviceChange {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new SessionKitError('invalid_input', 'send an object with `name` or `trusted`', { field: 'body' });
  const { name, trusted, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined)
    throw new SessionKitError('invalid_input', `unknown field \`${unknown}\``, { field: unknown });
  if (name === undefined && trusted === undefined)
    throw new SessionKitError('invalid_input', 'give a `name` or `trusted`', { field: 'name' });
  const change: DeviceChange = {};
  if (name !== undefined) {
    if (name !== null && typeof name !== 'string')
      throw new SessionKitError('invalid_input', '`name` must be text or null', { field: 'name' });
    const text = name?.trim() ?? '';
    // Control characters would let a name fake extra lines in the lists and the alert messages.
    if (/\p{Cc}/u.test(text))
      throw new SessionKitError('invalid_input', '`name` must not hold control characters', {
        field: 'name',
      });
    if (text.length > DEVICE_NAME_MAX)
      throw new SessionKitError('invalid_input', `\`name\` can be at most ${DEVICE_NAME_MAX} characters`, {
        field: 'name',
      });
    change.name = text || null;
  }
  if (trusted !== undefined) {
    if (typeof trusted !== 'boolean')
      throw new SessionKitError('invalid_input', '`trusted` must be true or false', { field: 'trusted' });
    change.trusted = trusted;
  }
  return change;
}
