import type { CommandCounts } from './server/commandCounter.js';

/**
 * The servers under test. Each runs in a child process of its own, so the load generator never shares an event
 * loop with the server it measures.
 */
export type ContestantId =
  | 'bare'
  | 'floor-small'
  | 'floor-session'
  | 'express-session-memory'
  | 'connect-mongo'
  | 'connect-mongo-touch'
  | 'kit-mongo'
  | 'kit-memory';

export interface ServerSpec {
  contestant: ContestantId;
  /** The database, for contestants that use one. */
  uri?: string;
  /** Sessions of other people seeded before the bench user signs in. */
  otherSessions: number;
  /** People in the host's directory (the kit's admin views name them). */
  directoryUsers: number;
  /** The kit's touch interval; default the kit's own. */
  touchIntervalMs?: number;
}

export type LimitStrategy = 'evict_oldest' | 'deny_new';

export interface SeedResult {
  users: number;
  sessions: number;
  ms: number;
  /** `budget` when the time ran out first. */
  stoppedBy: 'done' | 'budget';
}

export interface IssuedSession {
  id: string;
  secret: string;
}

/** The calls the orchestrator makes on a server child, with what each answers. */
export interface Calls {
  stats: {
    args: { reset: boolean };
    value: {
      counts: CommandCounts;
      /** HTTP requests that reached the server since the last reset, answered or abandoned by the client. */
      requests: number;
      /** Database commands since the process began, and those still running: how the orchestrator waits for quiet. */
      commandsStarted: number;
      commandsInFlight: number;
      rss: number;
    };
  };
  /** Collects garbage (the child runs with --expose-gc) and answers the resident memory and live heap after it. */
  gc: { args: Record<string, never>; value: { rss: number; heapUsed: number } };
  /** One API session (a bearer secret) per listed user id, in order. */
  issue: { args: { userIds: string[] }; value: IssuedSession[] };
  setLimit: { args: { enabled: boolean; max: number; onExceed: LimitStrategy }; value: null };
  activeSessionIds: { args: { userId: string }; value: string[] };
  seedAdminScale: {
    args: { users: number; sessionsPerUser: number; budgetMs: number };
    value: SeedResult;
  };
}

export type CallName = keyof Calls;

export type ParentMessage = { type: 'call'; id: number; op: CallName; args: unknown };

export type ChildMessage =
  | { type: 'ready'; port: number; cookie: string }
  | { type: 'progress'; text: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };
