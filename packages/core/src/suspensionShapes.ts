import type { SessionUserRecord } from './httpShapes.js';
import { boolean, date, nullable, number, object, oneOf, string } from './jsonShape.js';
import type { Suspension } from './suspension.js';

// The JSON of the suspension routes (docs/http-api.md, "Suspending sessions"), beside HTTP_SHAPES.

/** A person's suspension as administrators see it: who, why, until when, and who suspended them. */
export type SuspensionRecord = Omit<Suspension, 'tenantId'> & {
  user: SessionUserRecord;
  /** The directory's name for whoever suspended them, the id when it has none, null for the system. */
  suspendedByName: string | null;
};

/** `GET /admin/users/:userId/suspension`: the person's suspension in force, or null. */
export interface UserSuspensionRecord {
  suspension: SuspensionRecord | null;
}

/** The answer of suspending or resuming: the suspension, and how many active sessions it paused or freed. */
export interface SuspensionChangeRecord {
  suspension: SuspensionRecord;
  sessions: number;
}

/**
 * The 401 on every request of a suspended person's session, and on their sign-in: the administrator's words
 * and when it ends. The client keeps its cookie: the session works again afterwards.
 */
export interface SessionSuspendedBody {
  error: 'session_suspended';
  message: string;
  reason: string;
  until: Date;
}

const userShape = object<SessionUserRecord>({
  id: string,
  name: string,
  department: nullable(string),
  role: nullable(string),
  superUser: boolean,
});

const suspension = object<SuspensionRecord>({
  id: string,
  userId: string,
  user: userShape,
  reason: string,
  until: date,
  suspendedAt: date,
  suspendedBy: nullable(string),
  suspendedByName: nullable(string),
});

export const SUSPENSION_SHAPES = {
  suspension,
  userSuspension: object<UserSuspensionRecord>({ suspension: nullable(suspension) }),
  suspensionChange: object<SuspensionChangeRecord>({ suspension, sessions: number }),
  sessionSuspended: object<SessionSuspendedBody>({
    error: oneOf(['session_suspended']),
    message: string,
    reason: string,
    until: date,
  }),
};
