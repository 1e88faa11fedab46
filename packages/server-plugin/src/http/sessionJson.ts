import type { DirectoryUser, IssueResult, PublicSession, RiskSignal, Session } from '@sessionkit/core';
import { toPublicSession } from '@sessionkit/core';

export interface SessionUserJson {
  id: string;
  name: string;
  department: string | null;
  role: string | null;
  superUser: boolean;
}

/** A session as the API answers it (docs/http-api.md, "Session"): never the token hash. */
export type SessionJson = PublicSession & {
  current: boolean;
  risk: RiskSignal[];
  user?: SessionUserJson;
};

export function sessionJson(
  session: Session,
  extras: { currentId: string | null; risk?: readonly RiskSignal[]; user?: DirectoryUser | null },
): SessionJson {
  const json: SessionJson = {
    ...toPublicSession(session),
    current: session.id === extras.currentId,
    risk: (extras.risk ?? []).filter((r) => r.sessionId === session.id),
  };
  if (extras.user !== undefined) json.user = userJson(session.userId, extras.user);
  return json;
}

export function userJson(id: string, user: DirectoryUser | null): SessionUserJson {
  return {
    id,
    name: user?.name ?? id,
    department: user?.department ?? null,
    role: user?.role ?? null,
    superUser: user?.superUser === true,
  };
}

export interface LimitReachedBody {
  error: 'limit_reached';
  message: string;
  max: number;
  /** The user's active sessions, to choose one to give up (`replaceSessionId` at the next login). */
  sessions: SessionJson[];
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
