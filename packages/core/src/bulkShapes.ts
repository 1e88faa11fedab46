// The bulk force logout's selection and answers, apart from the service so that a browser bundle may use them.
import type { AdminUsersQuery } from './serviceTypes.js';
import { arrayOf, boolean, number, object, string } from './jsonShape.js';

/**
 * The most people one bulk force logout takes. Each person costs a list of their live sessions and a few
 * writes per session (one request answers them all), so the bound keeps a request within a proxy's timeout
 * on a loaded database; a larger clean-up is several actions with narrower filters, or `revoke-all`.
 */
export const MAX_BULK_PEOPLE = 500;

/**
 * Whom a bulk force logout is for: people picked one by one, or everyone the team view's filter shows
 * (`q` and `superUser`, as `GET /admin/users` takes them).
 */
export type BulkSelection =
  { userIds: readonly string[] } | { filter: Pick<AdminUsersQuery, 'q' | 'superUser'> };

/** One person of a bulk action as the confirmation names them. */
export interface BulkPerson {
  userId: string;
  name: string;
  superUser: boolean;
  /** Their active sessions now: what the action would end. */
  sessions: number;
}

/** What a bulk force logout would do, for the confirmation. */
export interface BulkRevokePreview {
  /** Everyone whose sessions it ends (super users among them when the actor may include them). */
  people: BulkPerson[];
  /** Their active sessions, together. */
  sessions: number;
  /** The super users among `people`, named apart in the confirmation. */
  superUsers: BulkPerson[];
  /**
   * Selected people the actor may not act on (super users, for an administrator who is not one). Picked by
   * id they make the action refused; matched by a filter they are left out.
   */
  refused: BulkPerson[];
  /** The actor's own account was selected: it is left out (their own row's Force logout signs them out). */
  selfExcluded: boolean;
  /** Picked by id but signed in nowhere: nothing to end. */
  notSignedIn: string[];
}

/** What a bulk force logout did. */
export interface BulkRevokeResult {
  /** Shared by the action's audit events: `GET /audit-events?bulkId=` lists the action with its people. */
  bulkId: string;
  people: number;
  /** Sessions ended. */
  ended: number;
}

/** The body both bulk routes take: people by id, or the team view's filter; with `reason` to execute. */
export type BulkSelectionBody = { userIds: string[] } | { filter: { q?: string; superUser?: boolean } };

const person = object<BulkPerson>({ userId: string, name: string, superUser: boolean, sessions: number });

/** The answers of `POST /admin/bulk-force-logout/preview` and `POST /admin/bulk-force-logout`. */
export const BULK_SHAPES = {
  preview: object<BulkRevokePreview>({
    people: arrayOf(person),
    sessions: number,
    superUsers: arrayOf(person),
    refused: arrayOf(person),
    selfExcluded: boolean,
    notSignedIn: arrayOf(string),
  }),
  result: object<BulkRevokeResult>({ bulkId: string, people: number, ended: number }),
};
