import type { Connection, Model, Schema } from 'mongoose';
import type { ApiKeyDoc, ApiKeyUsageDoc, OwnedDoc } from './credentialModels.js';
import { credentialSchemas } from './credentialModels.js';
import type {
  SuspensionDoc,
  SuspensionHeadDoc,
  SuspensionLiftDoc,
  TouchLeaseDoc,
} from './suspensionModels.js';
import { suspensionSchemas } from './suspensionModels.js';
import type { AlertAnswerDoc, DeviceDoc, PasswordAskDoc, SignInAlertDoc } from './deviceModels.js';
import { deviceSchemas } from './deviceModels.js';

export type { ApiKeyDoc, ApiKeyUsageDoc, OwnedDoc } from './credentialModels.js';

type Definition = Record<string, unknown>;
// Mongoose infers document types from schema literals; across eight schemas that inference exhausts the
// compiler's memory. The document interfaces below are the types; the constructor is used untyped.
type SchemaConstructor = new (definition: Definition, options: Record<string, unknown>) => Schema;

/**
 * The kit's Mongoose models. The rules that shape them (see docs/scaling.md and DATABASE.md):
 * - a session lives in three documents: its live part (`live_sessions`, `_id: tokenHash`), the only document
 *   `authenticate` reads and the only one activity writes; its record (`session_records`, `_id: id`), written
 *   at login and once at the end; and its end (`session_ends`, `_id: tokenHash`), inserted once when it ends.
 *   The live document is deleted at the end, so an activity write racing the end finds nothing to write:
 *   on FerretDB, whose updates rewrite whole documents, it can't bring the session back. The end is a
 *   unique-key insert, so among racing ends exactly one wins (one audit event, one slot release);
 * - the per-request read is one `_id` lookup of a small document: on MongoDB an index hit that routes to one
 *   shard; on FerretDB (which reads its table up to the match even for `_id`) a short scan of lean rows;
 * - concurrency slots are unique-key inserts (unique on tenant + user + slot), the one atomic write on every
 *   server; the holder is part of `_id`, so releasing one holder's slot can never remove the next holder's;
 * - only plain single-field, compound and unique indexes: no TTL (a sweeper removes old sessions), partial,
 *   sparse or text indexes, which FerretDB 1.24 refuses at start-up;
 * - no `select: false` paths (FerretDB rejects projections on findAndModify) and no transactions.
 */
export interface SessionKitModels {
  liveSessions: Model<LiveSessionDoc>;
  sessions: Model<SessionDoc>;
  sessionEnds: Model<SessionEndDoc>;
  slots: Model<SlotDoc>;
  policies: Model<PolicyDoc>;
  auditEvents: Model<AuditDoc>;
  authorizedApps: Model<OwnedDoc>;
  pushRegistrations: Model<OwnedDoc>;
  apiKeys: Model<ApiKeyDoc>;
  apiKeyUsage: Model<ApiKeyUsageDoc>;
  viewChanges: Model<ViewChangeDoc>;
  suspensions: Model<SuspensionDoc>;
  suspensionLifts: Model<SuspensionLiftDoc>;
  touchLeases: Model<TouchLeaseDoc>;
  suspensionHeads: Model<SuspensionHeadDoc>;
  devices: Model<DeviceDoc>;
  signInAlerts: Model<SignInAlertDoc>;
  alertAnswers: Model<AlertAnswerDoc>;
  passwordAsks: Model<PasswordAskDoc>;
}

export interface LiveSessionDoc {
  /** The token hash. */
  _id: string;
  id: string;
  tenantId: string;
  userId: string;
  kind: string;
  ip: string;
  lastIp: string;
  createdAt: Date;
  lastSeenAt: Date;
  rememberMe: boolean;
  actions: number;
  lastPath: string | null;
  slot: number | null;
  /** Set once the owner was suspended (core's `SuspensionMark`). */
  suspension?: { id: string; until: Date; reason: string } | null;
}

export interface SessionEndDoc {
  /** The token hash. */
  _id: string;
  sessionId: string;
  tenantId: string;
  userId: string;
  endedAt: Date;
  endReason: string;
  endedBy: string | null;
  note: string | null;
  /** Layout 2: the live state at the end (the record keeps the login's). */
  final?: { lastSeenAt: Date; lastIp: string; actions: number; lastPath: string | null; slot: number | null };
}

export interface SessionDoc {
  /** The public id. */
  _id: string;
  tokenHash: string;
  userId: string;
  tenantId: string;
  kind: string;
  client: Record<string, unknown>;
  device: Record<string, unknown>;
  ip: string;
  lastIp: string;
  location: Record<string, unknown> | null;
  createdAt: Date;
  lastSeenAt: Date;
  rememberMe: boolean;
  status: string;
  endedAt: Date | null;
  endReason: string | null;
  endedBy: string | null;
  endNote?: string | null;
  activity: { actions: number; lastPath: string | null };
  slot: number | null;
}

export interface SlotDoc {
  _id: string;
  tenantId: string;
  userId: string;
  slot: number;
  sessionId: string;
  tokenHash: string;
  claimedAt: Date;
}

export interface PolicyDoc {
  _id: string;
  policy: Record<string, unknown>;
}

export interface AuditDoc {
  _id: string;
  tenantId: string;
  at: Date;
  action: string;
  actorId: string | null;
  targetUserId: string | null;
  sessionId: string | null;
  endReason: string | null;
  reason: string | null;
  ip: string | null;
  /** Pairs, not an object: detail keys such as `idleTimeout.value` contain dots, which field names can't. */
  details: { key: string; value: string | number | boolean | null }[];
  /** `details.bulkId` again, as a field of its own: the pairs can't be matched by key and value on FerretDB. */
  bulkId?: string;
}

/** One change to sessions, in core's own values, kept a few minutes for the other view mirrors (`viewLog.ts`). */
export interface ViewChangeDoc {
  /** `c` and the zero-padded sequence: entries sort by `_id` in the order they were claimed. */
  _id: string;
  seq: number;
  at: Date;
  /** The instance that made it (it applied the change already). */
  by: string;
  change: Record<string, unknown>;
}

const MODEL_OPTIONS = {
  versionKey: false,
  // `{}` and `null` must read back as they were written (the contract compares whole sessions).
  minimize: false,
  strict: true,
  // Index builds run once from MongoSessionStore.ready(), not behind the host's first request.
  autoIndex: false,
  autoCreate: false,
  // A command issued while disconnected fails at once (→ 503) instead of waiting in Mongoose's buffer.
  bufferCommands: false,
  timestamps: false,
  // Revokes must survive a primary failover: acknowledged by a majority they can't be rolled back and then
  // undone on the next request. FerretDB (a single node) accepts and ignores it.
  writeConcern: { w: 'majority' },
} as const;

export function defineModels(connection: Connection, collectionPrefix: string): SessionKitModels {
  const SchemaClass = connection.base.Schema as unknown as SchemaConstructor;
  const Mixed = connection.base.Schema.Types.Mixed;
  const schema = (definition: Definition, collection: string): Schema =>
    new SchemaClass(definition, { ...MODEL_OPTIONS, collection: `${collectionPrefix}${collection}` });

  const liveSessions = schema(
    {
      _id: { type: String, required: true },
      id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      kind: { type: String, required: true },
      ip: { type: String, required: true },
      lastIp: { type: String, required: true },
      createdAt: { type: Date, required: true },
      lastSeenAt: { type: Date, required: true },
      rememberMe: { type: Boolean, required: true },
      actions: { type: Number, required: true },
      lastPath: { type: String, default: null },
      slot: { type: Number, default: null },
      suspension: { type: Mixed, default: undefined },
    },
    'live_sessions',
  );
  // A user's active sessions (the limit, their own list); the account's by last seen and by age (admin
  // lists); lapse candidates for the sweeper come from the same two.
  liveSessions.index({ tenantId: 1, userId: 1, createdAt: 1, id: 1 });
  liveSessions.index({ tenantId: 1, userId: 1, lastSeenAt: -1, id: -1 });
  liveSessions.index({ tenantId: 1, lastSeenAt: -1, id: -1 });
  liveSessions.index({ tenantId: 1, createdAt: -1, id: -1 });

  const sessionEnds = schema(
    {
      _id: { type: String, required: true },
      sessionId: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      endedAt: { type: Date, required: true },
      endReason: { type: String, required: true },
      endedBy: { type: String, default: null },
      note: { type: String, default: null },
      final: { type: Mixed, default: undefined },
    },
    'session_ends',
  );
  sessionEnds.index({ tenantId: 1, endedAt: 1 });

  const sessions = schema(
    {
      _id: { type: String, required: true },
      tokenHash: { type: String, required: true },
      userId: { type: String, required: true },
      tenantId: { type: String, required: true },
      kind: { type: String, required: true },
      client: { type: Mixed, default: {} },
      device: { type: Mixed, required: true },
      ip: { type: String, required: true },
      lastIp: { type: String, required: true },
      location: { type: Mixed, default: null },
      createdAt: { type: Date, required: true },
      lastSeenAt: { type: Date, required: true },
      rememberMe: { type: Boolean, required: true },
      status: { type: String, required: true },
      endedAt: { type: Date, default: null },
      endReason: { type: String, default: null },
      endedBy: { type: String, default: null },
      endNote: { type: String, default: null },
      activity: { type: Mixed, required: true },
      slot: { type: Number, default: null },
    },
    'session_records',
  );
  // Ended sessions (active ones are listed from the live documents) per user and per account, by each sort
  // key the lists offer; retention reads the account's by end time. Lists of every status page the records
  // by creation or end time, which never change once the session ended.
  for (const key of ['lastSeenAt', 'createdAt', 'endedAt'])
    sessions.index({ tenantId: 1, userId: 1, status: 1, [key]: -1, _id: -1 });
  for (const key of ['lastSeenAt', 'createdAt', 'endedAt'])
    sessions.index({ tenantId: 1, status: 1, [key]: -1, _id: -1 });
  for (const key of ['createdAt', 'endedAt']) {
    sessions.index({ tenantId: 1, [key]: -1, _id: -1 });
    sessions.index({ tenantId: 1, userId: 1, [key]: -1, _id: -1 });
  }

  const slots = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      slot: { type: Number, required: true },
      sessionId: { type: String, required: true },
      tokenHash: { type: String, required: true },
      claimedAt: { type: Date, required: true },
    },
    'slots',
  );
  // The claim is the insert: this unique index lets one holder per slot in, atomically on both servers.
  slots.index({ tenantId: 1, userId: 1, slot: 1 }, { unique: true });

  const policies = schema(
    { _id: { type: String, required: true }, policy: { type: Mixed, required: true } },
    'policies',
  );

  const auditEvents = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      at: { type: Date, required: true },
      action: { type: String, required: true },
      actorId: { type: String, default: null },
      targetUserId: { type: String, default: null },
      sessionId: { type: String, default: null },
      endReason: { type: String, default: null },
      reason: { type: String, default: null },
      ip: { type: String, default: null },
      details: { type: Mixed, default: [] },
      bulkId: { type: String },
    },
    'audit_events',
  );
  // The trail newest first per account, and per user (as target or as actor) for the login statistics.
  auditEvents.index({ tenantId: 1, at: -1, _id: -1 });
  auditEvents.index({ tenantId: 1, targetUserId: 1, at: -1 });
  auditEvents.index({ tenantId: 1, actorId: 1, at: -1 });
  // A bulk action with its people (`?bulkId=`).
  auditEvents.index({ tenantId: 1, bulkId: 1, at: -1 });

  const { authorizedApps, pushRegistrations, apiKeys, apiKeyUsage } = credentialSchemas(schema);
  const { suspensions, suspensionLifts, touchLeases, suspensionHeads } = suspensionSchemas(schema);

  const { devices, signInAlerts, alertAnswers, passwordAsks } = deviceSchemas(schema);

  const viewChanges = schema(
    {
      _id: { type: String, required: true },
      seq: { type: Number, required: true },
      at: { type: Date, required: true },
      by: { type: String, required: true },
      change: { type: Mixed, required: true },
    },
    'view_changes',
  );
  viewChanges.index({ at: 1 });

  const model = <T>(name: string, s: Schema): Model<T> => {
    const fullName = `${collectionPrefix}${name}`;
    // A second store on the same connection and prefix shares the models instead of redefining them.
    return (connection.models[fullName] ?? connection.model(fullName, s)) as unknown as Model<T>;
  };
  return {
    liveSessions: model<LiveSessionDoc>('LiveSession', liveSessions),
    sessions: model<SessionDoc>('SessionRecord', sessions),
    sessionEnds: model<SessionEndDoc>('SessionEnd', sessionEnds),
    slots: model<SlotDoc>('Slot', slots),
    policies: model<PolicyDoc>('Policy', policies),
    auditEvents: model<AuditDoc>('AuditEvent', auditEvents),
    authorizedApps: model<OwnedDoc>('AuthorizedApp', authorizedApps),
    pushRegistrations: model<OwnedDoc>('PushRegistration', pushRegistrations),
    apiKeys: model<ApiKeyDoc>('ApiKey', apiKeys),
    apiKeyUsage: model<ApiKeyUsageDoc>('ApiKeyUsage', apiKeyUsage),
    viewChanges: model<ViewChangeDoc>('ViewChange', viewChanges),
    suspensions: model<SuspensionDoc>('Suspension', suspensions),
    suspensionLifts: model<SuspensionLiftDoc>('SuspensionLift', suspensionLifts),
    touchLeases: model<TouchLeaseDoc>('TouchLease', touchLeases),
    suspensionHeads: model<SuspensionHeadDoc>('SuspensionHead', suspensionHeads),
    devices: model<DeviceDoc>('Device', devices),
    signInAlerts: model<SignInAlertDoc>('SignInAlert', signInAlerts),
    alertAnswers: model<AlertAnswerDoc>('SignInAlertAnswer', alertAnswers),
    passwordAsks: model<PasswordAskDoc>('PasswordAsk', passwordAsks),
  };
}
