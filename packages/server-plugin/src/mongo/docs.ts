import type { ApiKey, AuditEvent, LiveSession, Session, SessionEnd, SlotKey } from '@sessionkit/core';
import { endOf, liveOf } from '@sessionkit/core';
import type { ApiKeyDoc, AuditDoc, LiveSessionDoc, OwnedDoc, SessionDoc, SessionEndDoc } from './models.js';

/** Between core's types and the documents of `models.ts`. */

export function slotId(key: SlotKey, sessionId: string): string {
  // Encoded so that tenant `a:b` + user `c` and tenant `a` + user `b:c` can't be confused.
  return [key.tenantId, key.userId, String(key.slot), sessionId].map(encodeURIComponent).join(':');
}

export function toSessionDoc(session: Session): SessionDoc {
  const { id, ...rest } = session;
  return { _id: id, ...structuredClone(rest) } as unknown as SessionDoc;
}

export function toLiveDoc(session: Session): LiveSessionDoc {
  const { tokenHash, activity, ...live } = liveOf(session);
  return { _id: tokenHash, ...live, actions: activity.actions, lastPath: activity.lastPath };
}

export function fromLiveDoc(doc: LiveSessionDoc): LiveSession {
  return {
    id: doc.id,
    tokenHash: doc._id,
    userId: doc.userId,
    tenantId: doc.tenantId,
    kind: doc.kind as LiveSession['kind'],
    ip: doc.ip,
    lastIp: doc.lastIp,
    createdAt: doc.createdAt,
    lastSeenAt: doc.lastSeenAt,
    rememberMe: doc.rememberMe,
    activity: { actions: doc.actions, lastPath: doc.lastPath ?? null },
    slot: doc.slot ?? null,
    ...(doc.suspension
      ? {
          suspension: {
            id: doc.suspension.id,
            until: new Date(doc.suspension.until),
            reason: doc.suspension.reason,
          },
        }
      : {}),
  };
}

export function toEndDoc(session: Session): SessionEndDoc {
  const { id, tokenHash, ...end } = endOf(session);
  return { _id: tokenHash, sessionId: id, ...end };
}

export function fromEndDoc(doc: SessionEndDoc): SessionEnd {
  return {
    id: doc.sessionId,
    tokenHash: doc._id,
    tenantId: doc.tenantId,
    userId: doc.userId,
    endedAt: doc.endedAt,
    endReason: doc.endReason as SessionEnd['endReason'],
    endedBy: doc.endedBy ?? null,
    note: doc.note ?? null,
  };
}

export function fromSessionDoc(doc: SessionDoc): Session {
  return {
    id: doc._id,
    tokenHash: doc.tokenHash,
    userId: doc.userId,
    tenantId: doc.tenantId,
    kind: doc.kind as Session['kind'],
    client: (doc.client ?? {}) as Session['client'],
    device: doc.device as unknown as Session['device'],
    ip: doc.ip,
    lastIp: doc.lastIp,
    location: (doc.location ?? null) as Session['location'],
    createdAt: doc.createdAt,
    lastSeenAt: doc.lastSeenAt,
    rememberMe: doc.rememberMe,
    status: doc.status as Session['status'],
    endedAt: doc.endedAt ?? null,
    endReason: (doc.endReason ?? null) as Session['endReason'],
    endedBy: doc.endedBy ?? null,
    endNote: doc.endNote ?? null,
    activity: { actions: doc.activity?.actions ?? 0, lastPath: doc.activity?.lastPath ?? null },
    slot: doc.slot ?? null,
  };
}

export function fromAuditDoc(doc: AuditDoc): AuditEvent {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    at: doc.at,
    action: doc.action as AuditEvent['action'],
    actorId: doc.actorId ?? null,
    targetUserId: doc.targetUserId ?? null,
    sessionId: doc.sessionId ?? null,
    endReason: (doc.endReason ?? null) as AuditEvent['endReason'],
    reason: doc.reason ?? null,
    ip: doc.ip ?? null,
    details: Object.fromEntries((doc.details ?? []).map(({ key, value }) => [key, value])),
  };
}

export function fromOwnedDoc(doc: OwnedDoc): Record<string, unknown> {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

export function fromApiKeyDoc(doc: ApiKeyDoc): ApiKey {
  const { _id, ...rest } = doc;
  return {
    id: _id,
    ...rest,
    lastUsedAt: rest.lastUsedAt ?? null,
    revokedAt: rest.revokedAt ?? null,
    expiresAt: rest.expiresAt ?? null,
  };
}
