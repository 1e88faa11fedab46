import type { HttpRoute } from '../httpRoutes.js';
import type { SessionPolicy } from '../policy.js';

/** Who makes a request: the signed-in person, an administrator (not a super user), or nobody signed in. */
export type HttpCaller = 'person' | 'admin' | 'anonymous';

/**
 * A `fetch` for one caller, given paths below the kit's mount point (`/me/sessions?status=all`). It sends the
 * caller's credentials, and on changes the CSRF token, unless the request carries an `x-csrf-token` of its own.
 */
export type HttpFetch = (
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<Response>;

export interface HttpContractOptions {
  /**
   * Runs once before the cases and answers a fetch for each caller. The account must hold: for the person, at
   * least two active sessions, two authorized apps, a push registration and an API key; two other users who
   * aren't super users, and a super user, each signed in; an audit event. The admin may not be a super user. The
   * server declares the API-key scope `read`.
   */
  setup(): Promise<Record<HttpCaller, HttpFetch>>;
  /** Runs once after the cases. */
  teardown?(): Promise<void>;
  /**
   * The secret of one "this wasn't me" link sent to the person, asked after `setup`. The person's sessions must
   * then carry three unanswered sign-in alerts (this link's among them), none on the person's most recently
   * seen session after the current one.
   */
  alertLinkToken(): string;
}

/** What earlier answers told the later cases: ids to act on, and the policy to send back. */
export interface Found {
  person: string;
  otherSession: string;
  app: string;
  secondApp: string;
  push: string;
  teamSession: string;
  teamUser: string;
  /** A fourth signed-in user (neither the person, the team user, the admin nor a super user), for bulk force logout. */
  bulkUser: string;
  superUser: string;
  /** A key the person created. */
  apiKey: string;
  /** A key an administrator created for the team user. */
  teamKey: string;
  /** An app the person connected themselves. */
  connectedApp: string;
  policy: SessionPolicy;
  /** The secret of a "this wasn't me" link the account's setup sent (`alertLinkToken`). */
  alertLinkToken: string;
  /** The alert that link is for. */
  linkAlert: string;
  /** Sessions of the person with an unanswered alert (not the link's): one to confirm, one to deny. */
  confirmSession: string;
  denySession: string;
}

export interface HttpContractCase {
  /** The router's route this case exercises; null for a path no route has. */
  route: HttpRoute | null;
  as: HttpCaller;
  /** Below the mount point; `{name}` takes an id an earlier case found. */
  path: string;
  body?: Record<string, unknown> | ((found: Found) => Record<string, unknown>);
  status: number;
  /** The `error` code of a refusal. */
  error?: string;
  /** The `field` a 400 names. */
  field?: string;
  /** A wrong CSRF token instead of the caller's. */
  wrongCsrf?: true;
  /** Beyond the shape: what the answer must say, as problems found (none: it passes). */
  says?: (body: never, found: Found) => string[];
  /** Remembers what later cases need. */
  keep?: (body: never, found: Found) => void;
}
