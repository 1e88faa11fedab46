import { SessionKitError } from './errors.js';
import type { SessionPolicy } from './policy.js';
import { grantsRememberMe } from './policy.js';
import type { ClientInfo, Session } from './session.js';
import type { IssueInput } from './serviceTypes.js';
import { hashSecret, newSessionId } from './tokens.js';

// Building a new session and checking what a login or an import hands in.

export function cleanClient(client: ClientInfo | undefined): ClientInfo {
  const out: ClientInfo = {};
  if (client?.name?.trim()) out.name = client.name.trim().slice(0, 100);
  if (client?.deviceName?.trim()) out.deviceName = client.deviceName.trim().slice(0, 100);
  return out;
}

/** A new active session: what a login and an import share. */
export function newSession(
  input: Pick<IssueInput, 'tenantId' | 'userId' | 'kind' | 'rememberMe'>,
  policy: SessionPolicy,
  secret: string,
  found: Pick<Session, 'ip' | 'client' | 'device' | 'location' | 'createdAt' | 'lastSeenAt'>,
): Session {
  return {
    id: newSessionId(),
    tokenHash: hashSecret(secret),
    userId: input.userId,
    tenantId: input.tenantId,
    kind: input.kind ?? 'browser',
    ...found,
    lastIp: found.ip,
    rememberMe: grantsRememberMe(policy, input.rememberMe ?? false),
    status: 'active',
    endedAt: null,
    endReason: null,
    endedBy: null,
    endNote: null,
    activity: { actions: 0, lastPath: null },
    slot: null,
  };
}

export function requireAdoptableSecret(secret: unknown, field: string): void {
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 22)) {
    throw new SessionKitError(
      'invalid_input',
      'an adopted secret must be at least 22 characters (128 bits)',
      {
        field,
      },
    );
  }
}

export function validDate(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new SessionKitError('invalid_input', `${field} must be a valid date`, { field });
  return value;
}

export function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SessionKitError('invalid_input', `${field} is required`, { field });
  }
}
