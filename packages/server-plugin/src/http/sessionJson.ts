import type {
  DirectoryUser,
  IssueResult,
  LimitReachedBody,
  RiskSignal,
  Session,
  SessionRecord,
  SessionUserRecord,
  TeamSessionRecord,
} from '@sessionkit/core';
import { toPublicSession } from '@sessionkit/core';

/** A session as the API answers it (docs/http-api.md, "Session"): never the token hash. */
export function sessionJson(
  session: Session,
  extras: { currentId: string | null; risk?: readonly RiskSignal[] },
): SessionRecord;
/** With its owner and whoever ended it, as administrators see it. */
export function sessionJson(
  session: Session,
  extras: {
    currentId: string | null;
    risk?: readonly RiskSignal[];
    user: DirectoryUser | null;
    endedBy: DirectoryUser | null;
  },
): TeamSessionRecord;
export function sessionJson(
  session: Session,
  extras: {
    currentId: string | null;
    risk?: readonly RiskSignal[];
    user?: DirectoryUser | null;
    endedBy?: DirectoryUser | null;
  },
): SessionRecord {
  const json: SessionRecord = {
    ...toPublicSession(session),
    current: session.id === extras.currentId,
    risk: (extras.risk ?? []).filter((r) => r.sessionId === session.id),
  };
  if (extras.user !== undefined) {
    json.user = userJson(session.userId, extras.user);
    (json as TeamSessionRecord).endedByName = session.endedBy
      ? (extras.endedBy?.name ?? session.endedBy)
      : null;
  }
  return json;
}

export function userJson(id: string, user: DirectoryUser | null): SessionUserRecord {
  return {
    id,
    name: user?.name ?? id,
    department: user?.department ?? null,
    role: user?.role ?? null,
    superUser: user?.superUser === true,
  };
}

/**
 * The 409 body docs/http-api.md gives a login refused under `deny_new`. Use it rather than sending the
 * result itself, which holds the sessions' token hashes.
 */
export function limitReachedBody(
  result: Extract<IssueResult, { status: 'limit_reached' }>,
): LimitReachedBody {
  return {
    error: 'limit_reached',
    message: `this account may have at most ${result.max} active sessions; end one to sign in here`,
    max: result.max,
    sessions: result.sessions.map((s) => sessionJson(s, { currentId: null })),
  };
}
