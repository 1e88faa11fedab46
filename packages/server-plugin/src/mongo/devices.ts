import type { DeviceRecord, RiskKind, SignInAlert, SignInAlertStatus } from '@sessionkit/core';
import { SessionKitError } from '@sessionkit/core';
import type { AlertAnswerDoc, DeviceDoc, PasswordAskDoc, SignInAlertDoc } from './deviceModels.js';
import type { SessionKitModels } from './models.js';
import { isDuplicateKey } from './storeRunner.js';

const idOf = (...parts: readonly string[]) => JSON.stringify(parts);

/**
 * Device names, sign-in alerts and password-change asks. Every write is by `_id`; an alert's answer is a
 * unique-key insert, the one write that is atomic on FerretDB too, so a link works exactly once.
 */
export class MongoDevices {
  readonly #models: SessionKitModels;

  constructor(models: SessionKitModels) {
    this.#models = models;
  }

  async listDevices(tenantId: string, userIds: readonly string[]): Promise<DeviceRecord[]> {
    if (userIds.length === 0) return [];
    const docs = await this.#models.devices
      .find({ tenantId, userId: { $in: [...new Set(userIds)] } })
      .lean<DeviceDoc[]>();
    return docs.map(({ _id, ...rest }) => ({ ...rest, name: rest.name ?? null }));
  }

  async findDevice(tenantId: string, userId: string, deviceKey: string): Promise<DeviceRecord | null> {
    const doc = await this.#models.devices
      .findById(idOf(tenantId, userId, deviceKey))
      .lean<DeviceDoc | null>();
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { ...rest, name: rest.name ?? null };
  }

  async saveDevice(record: DeviceRecord): Promise<void> {
    const _id = idOf(record.tenantId, record.userId, record.deviceKey);
    await this.#models.devices.replaceOne({ _id }, { _id, ...record }, { upsert: true });
  }

  async insertSignInAlert(alert: SignInAlert): Promise<void> {
    const { linkHash, ...rest } = alert;
    try {
      await this.#models.signInAlerts.create([{ _id: linkHash, ...rest }]);
    } catch (error) {
      if (isDuplicateKey(error))
        throw new SessionKitError('invalid_input', 'an alert with this link already exists');
      throw error;
    }
  }

  async findSignInAlert(linkHash: string): Promise<SignInAlert | null> {
    const doc = await this.#models.signInAlerts.findOne({ _id: linkHash }).lean<SignInAlertDoc>();
    return doc ? alertOf(doc) : null;
  }

  async listSignInAlerts(tenantId: string, userId: string): Promise<SignInAlert[]> {
    const docs = await this.#models.signInAlerts
      .find({ tenantId, userId })
      .sort({ createdAt: -1, _id: -1 })
      .lean<SignInAlertDoc[]>();
    // The index's tie-break is the link hash; the port promises the public id's order.
    return docs
      .map(alertOf)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  }

  async resolveSignInAlert(
    linkHash: string,
    status: Exclude<SignInAlertStatus, 'open'>,
    at: Date,
  ): Promise<SignInAlert | null> {
    const doc = await this.#models.signInAlerts.findOne({ _id: linkHash }).lean<SignInAlertDoc>();
    if (!doc || doc.status !== 'open') return null;
    try {
      await this.#models.alertAnswers.create([{ _id: linkHash, status, at } satisfies AlertAnswerDoc]);
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    // The answer is decided; this copy onto the alert is what lists read.
    await this.#models.signInAlerts.updateOne({ _id: linkHash }, { $set: { status, resolvedAt: at } });
    return alertOf({ ...doc, status, resolvedAt: at });
  }

  async setPasswordChangeAsk(tenantId: string, userId: string, at: Date | null): Promise<void> {
    const _id = idOf(tenantId, userId);
    if (at === null) {
      await this.#models.passwordAsks.deleteOne({ _id });
      return;
    }
    const doc: PasswordAskDoc = { _id, tenantId, userId, askedAt: at };
    await this.#models.passwordAsks.replaceOne({ _id }, doc, { upsert: true });
  }

  async getPasswordChangeAsk(tenantId: string, userId: string): Promise<Date | null> {
    const doc = await this.#models.passwordAsks
      .findOne({ _id: idOf(tenantId, userId) })
      .lean<PasswordAskDoc>();
    return doc ? new Date(doc.askedAt) : null;
  }
}

function alertOf(doc: SignInAlertDoc): SignInAlert {
  return {
    id: doc.id,
    tenantId: doc.tenantId,
    userId: doc.userId,
    sessionId: doc.sessionId,
    linkHash: doc._id,
    signals: [...doc.signals] as RiskKind[],
    createdAt: new Date(doc.createdAt),
    expiresAt: new Date(doc.expiresAt),
    status: doc.status as SignInAlertStatus,
    resolvedAt: doc.resolvedAt ? new Date(doc.resolvedAt) : null,
  };
}
