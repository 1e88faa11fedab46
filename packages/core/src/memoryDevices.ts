import type { DeviceRecord, DeviceStore, SignInAlert } from './deviceStore.js';
import { SessionKitError } from './errors.js';

const key = (...parts: readonly string[]) => parts.join('\u0000');

/** The memory store's device names, sign-in alerts and password-change asks. Values are cloned in and out. */
export class MemoryDevices implements DeviceStore {
  readonly #devices = new Map<string, DeviceRecord>();
  readonly #alerts = new Map<string, SignInAlert>();
  readonly #asks = new Map<string, Date>();

  async listDevices(tenantId: string, userIds: readonly string[]): Promise<DeviceRecord[]> {
    const wanted = new Set(userIds);
    return [...this.#devices.values()]
      .filter((d) => d.tenantId === tenantId && wanted.has(d.userId))
      .map((d) => structuredClone(d));
  }

  async findDevice(tenantId: string, userId: string, deviceKey: string): Promise<DeviceRecord | null> {
    const found = this.#devices.get(key(tenantId, userId, deviceKey));
    return found ? structuredClone(found) : null;
  }

  async saveDevice(record: DeviceRecord): Promise<void> {
    this.#devices.set(key(record.tenantId, record.userId, record.deviceKey), structuredClone(record));
  }

  async insertSignInAlert(alert: SignInAlert): Promise<void> {
    if (this.#alerts.has(alert.linkHash))
      throw new SessionKitError('invalid_input', 'an alert with this link already exists');
    this.#alerts.set(alert.linkHash, structuredClone(alert));
  }

  async findSignInAlert(linkHash: string): Promise<SignInAlert | null> {
    const alert = this.#alerts.get(linkHash);
    return alert ? structuredClone(alert) : null;
  }

  async listSignInAlerts(tenantId: string, userId: string): Promise<SignInAlert[]> {
    return [...this.#alerts.values()]
      .filter((a) => a.tenantId === tenantId && a.userId === userId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((a) => structuredClone(a));
  }

  async resolveSignInAlert(
    linkHash: string,
    status: 'confirmed' | 'denied',
    at: Date,
  ): Promise<SignInAlert | null> {
    const alert = this.#alerts.get(linkHash);
    if (!alert || alert.status !== 'open') return null;
    alert.status = status;
    alert.resolvedAt = new Date(at);
    return structuredClone(alert);
  }

  async setPasswordChangeAsk(tenantId: string, userId: string, at: Date | null): Promise<void> {
    if (at) this.#asks.set(key(tenantId, userId), new Date(at));
    else this.#asks.delete(key(tenantId, userId));
  }

  async getPasswordChangeAsk(tenantId: string, userId: string): Promise<Date | null> {
    const at = this.#asks.get(key(tenantId, userId));
    return at ? new Date(at) : null;
  }
}
