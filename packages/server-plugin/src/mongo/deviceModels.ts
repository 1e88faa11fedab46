import type { Schema } from 'mongoose';

type Definition = Record<string, unknown>;

// Device names, sign-in alerts and password-change asks (see models.ts for the rules every collection keeps).
// None of them is read by `authenticate`: the live-session documents stay as lean as they were.

export interface DeviceDoc {
  /** `[tenantId, userId, deviceKey]` as JSON: one document per person and device, written by `_id`. */
  _id: string;
  tenantId: string;
  userId: string;
  deviceKey: string;
  name: string | null;
  trusted: boolean;
  updatedAt: Date;
}

export interface SignInAlertDoc {
  /** The link's hash: the link is found by one `_id` read. */
  _id: string;
  id: string;
  tenantId: string;
  userId: string;
  sessionId: string;
  signals: string[];
  createdAt: Date;
  expiresAt: Date;
  status: string;
  resolvedAt: Date | null;
}

/** The answer to one alert: its `_id` is the alert's, so the insert lets exactly one answer in. */
export interface AlertAnswerDoc {
  _id: string;
  status: string;
  at: Date;
}

export interface PasswordAskDoc {
  /** `[tenantId, userId]` as JSON. */
  _id: string;
  tenantId: string;
  userId: string;
  askedAt: Date;
}

export function deviceSchemas(schema: (definition: Definition, collection: string) => Schema) {
  const devices = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      deviceKey: { type: String, required: true },
      name: { type: String, default: null },
      trusted: { type: Boolean, required: true },
      updatedAt: { type: Date, required: true },
    },
    'devices',
  );
  // The devices of the people on a page (a person has a handful).
  devices.index({ tenantId: 1, userId: 1 });

  const signInAlerts = schema(
    {
      _id: { type: String, required: true },
      id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      sessionId: { type: String, required: true },
      signals: { type: [String], default: [] },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      status: { type: String, required: true },
      resolvedAt: { type: Date, default: null },
    },
    'sign_in_alerts',
  );
  signInAlerts.index({ tenantId: 1, userId: 1, createdAt: -1, _id: -1 });

  const alertAnswers = schema(
    {
      _id: { type: String, required: true },
      status: { type: String, required: true },
      at: { type: Date, required: true },
    },
    'sign_in_alert_answers',
  );

  const passwordAsks = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      askedAt: { type: Date, required: true },
    },
    'password_asks',
  );
  return { devices, signInAlerts, alertAnswers, passwordAsks };
}
