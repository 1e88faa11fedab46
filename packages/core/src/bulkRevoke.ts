import type { Actor } from './audit.js';
import type { BulkPerson, BulkRevokePreview, BulkRevokeResult, BulkSelection } from './bulkShapes.js';
import { MAX_BULK_PEOPLE } from './bulkShapes.js';
import type { Endings } from './endings.js';
import { SessionKitError } from './errors.js';
import type { AdminUsersQuery, ServiceDeps } from './serviceTypes.js';

export type { BulkPerson, BulkRevokePreview, BulkRevokeResult, BulkSelection } from './bulkShapes.js';
export { MAX_BULK_PEOPLE } from './bulkShapes.js';

/** The longest reason a bulk force logout keeps, as the single one's. */
const MAX_REASON = 500;
import type { AdminViews } from './adminViews.js';
import { newPublicId } from './tokens.js';
import type { DirectoryUser } from './userDirectory.js';

/** Who acts: the signed-in administrator as the directory knows them. */
export interface BulkActor extends Actor {
  userId: string;
  user: DirectoryUser | null;
}

export interface BulkRevokeOptions {
  actor: BulkActor;
  /**
   * May the actor act on this person? The server plugin asks the host's access hook; the default is the
   * kit's rule that only super users act on super users.
   */
  mayActOn?: (target: DirectoryUser | null) => boolean | Promise<boolean>;
}

const onlySuperOnSuper = (actor: DirectoryUser | null) => (target: DirectoryUser | null) =>
  target?.superUser !== true || actor?.superUser === true;

/**
 * Bulk force logout: several people, or everyone the team view's current filter matches, forced out with one
 * reason. Each person goes through the single force logout's own path (their live sessions, then one end per
 * session), with one `force_logout` audit event per person and a `bulk_force_logout` event for the action,
 * all carrying one `bulkId`.
 */
export class BulkRevoke {
  readonly #d: ServiceDeps;
  readonly #endings: Endings;
  readonly #views: AdminViews;

  constructor(deps: ServiceDeps, endings: Endings, views: AdminViews) {
    this.#d = deps;
    this.#endings = endings;
    this.#views = views;
  }

  /** What `execute` would do now: the people, their sessions, the super users apart, whom the actor may not include. */
  async preview(
    tenantId: string,
    selection: BulkSelection,
    options: BulkRevokeOptions,
  ): Promise<BulkRevokePreview> {
    const picked = parseSelection(selection);
    const may = options.mayActOn ?? onlySuperOnSuper(options.actor.user);
    const { rows, notSignedIn } =
      'userIds' in picked
        ? await this.#byIds(tenantId, picked.userIds)
        : await this.#byFilter(tenantId, picked.filter);
    const people: BulkPerson[] = [];
    const refused: BulkPerson[] = [];
    let selfExcluded = false;
    for (const { person, user } of rows) {
      if (person.userId === options.actor.userId) selfExcluded = true;
      else if (await may(user)) people.push(person);
      else refused.push(person);
    }
    return {
      people,
      sessions: people.reduce((sum, p) => sum + p.sessions, 0),
      superUsers: people.filter((p) => p.superUser),
      refused,
      selfExcluded,
      notSignedIn,
    };
  }

  /**
   * Forces everyone of the selection out with one reason. People picked by id whom the actor may not act on
   * refuse the whole action (`forbidden`, nothing ended); matched by a filter they are left out. The actor's
   * own account is always left out. Sessions a person opens after their turn are new sign-ins and stay.
   */
  async execute(
    tenantId: string,
    selection: BulkSelection,
    reason: string | null,
    options: BulkRevokeOptions,
  ): Promise<BulkRevokeResult> {
    const note = parseReason(reason);
    const plan = await this.preview(tenantId, selection, options);
    if ('userIds' in selection && plan.refused.length > 0) {
      const names = plan.refused.map((p) => p.name).join(', ');
      throw new SessionKitError(
        'forbidden',
        `you may not sign out ${names}: only super users act on super users`,
        {
          field: 'userIds',
        },
      );
    }
    if (plan.people.length === 0) {
      const field = 'userIds' in selection ? 'userIds' : 'filter';
      throw new SessionKitError('invalid_input', 'selects nobody you can sign out', { field });
    }
    const bulkId = newPublicId('blk');
    const { actor } = options;
    const auditActor: Actor = {
      userId: actor.userId,
      sessionId: actor.sessionId ?? null,
      ip: actor.ip ?? null,
    };
    let ended = 0;
    // One person after another, as the single force logout ends one session after another: on FerretDB writes
    // queue behind one lock, and parallel ends only wait longer.
    for (const person of plan.people) {
      const count = await this.#endings.endWhere(
        tenantId,
        person.userId,
        () => true,
        'force_logout',
        auditActor,
        note,
      );
      ended += count;
      await this.#d.audit(tenantId, 'force_logout', auditActor, {
        targetUserId: person.userId,
        reason: note,
        details: { ended: count, bulkId },
      });
    }
    // Last, with what was done: the people's own events already name the action, should this one never be written.
    await this.#d.audit(tenantId, 'bulk_force_logout', auditActor, {
      reason: note,
      details: {
        bulkId,
        people: plan.people.length,
        ended,
        superUsers: plan.superUsers.length,
        leftOut: plan.refused.length,
        selection: 'userIds' in selection ? 'people' : 'filter',
      },
    });
    return { bulkId, people: plan.people.length, ended };
  }

  async #byIds(
    tenantId: string,
    userIds: readonly string[],
  ): Promise<{ rows: { person: BulkPerson; user: DirectoryUser | null }[]; notSignedIn: string[] }> {
    const [summaries, users] = await Promise.all([
      this.#d.store.listActiveUsers({ tenantId, userIds }),
      this.#d.directory ? this.#d.directory.getUsers(tenantId, userIds) : Promise.resolve(null),
    ]);
    const known = new Map((users ?? []).map((u) => [u.id, u]));
    const active = new Map(summaries.items.map((r) => [r.userId, r.activeSessions]));
    // As the single force logout: a mistyped id must not pass for a force logout in the audit trail.
    const unknown = users ? userIds.filter((id) => !known.has(id)) : [];
    if (unknown.length > 0)
      throw new SessionKitError('not_found', `no such user: ${unknown.slice(0, 5).join(', ')}`, {
        field: 'userIds',
      });
    const rows = userIds
      .filter((id) => active.has(id))
      .map((id) => {
        const user = known.get(id) ?? null;
        return { person: personOf(id, user, active.get(id) ?? 0), user };
      });
    return { rows, notSignedIn: userIds.filter((id) => !active.has(id)) };
  }

  async #byFilter(
    tenantId: string,
    filter: Pick<AdminUsersQuery, 'q' | 'superUser'>,
  ): Promise<{ rows: { person: BulkPerson; user: DirectoryUser | null }[]; notSignedIn: string[] }> {
    // The team view's own query, so "everyone matching" is exactly whom its pages show.
    const page = await this.#views.adminUsers(tenantId, { ...filter, limit: MAX_BULK_PEOPLE + 1 });
    if (page.total > MAX_BULK_PEOPLE) {
      throw new SessionKitError(
        'invalid_input',
        `matches ${page.total} people; one action takes at most ${MAX_BULK_PEOPLE}: narrow the filter`,
        { field: 'filter' },
      );
    }
    // The host's access rule reads the person as its directory describes them, not the row's summary.
    const users = this.#d.directory
      ? await this.#d.directory.getUsers(
          tenantId,
          page.items.map((r) => r.userId),
        )
      : [];
    const known = new Map(users.map((u) => [u.id, u]));
    const rows = page.items.map((r) => ({
      person: { userId: r.userId, name: r.name, superUser: r.superUser, sessions: r.activeSessions },
      user: known.get(r.userId) ?? null,
    }));
    return { rows, notSignedIn: [] };
  }
}

function personOf(userId: string, user: DirectoryUser | null, sessions: number): BulkPerson {
  return { userId, name: user?.name ?? userId, superUser: user?.superUser === true, sessions };
}

/** Checks a selection as the routes would, for callers of core alone. */
function parseSelection(selection: BulkSelection): BulkSelection {
  if (!selection || typeof selection !== 'object')
    throw new SessionKitError('invalid_input', 'pick people or a filter', { field: 'userIds' });
  if ('userIds' in selection) {
    const ids = selection.userIds;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id.length === 0 || id.length > 200))
      throw new SessionKitError('invalid_input', 'must be a list of user ids', { field: 'userIds' });
    if (ids.length === 0)
      throw new SessionKitError('invalid_input', 'pick at least one person', { field: 'userIds' });
    const unique = [...new Set(ids as string[])];
    if (unique.length > MAX_BULK_PEOPLE)
      throw new SessionKitError('invalid_input', `at most ${MAX_BULK_PEOPLE} people in one action`, {
        field: 'userIds',
      });
    return { userIds: unique };
  }
  if ('filter' in selection && selection.filter && typeof selection.filter === 'object') {
    const { q, superUser } = selection.filter;
    if (q !== undefined && (typeof q !== 'string' || q.length > 200))
      throw new SessionKitError('invalid_input', 'must be text of at most 200 characters', {
        field: 'filter.q',
      });
    if (superUser !== undefined && typeof superUser !== 'boolean')
      throw new SessionKitError('invalid_input', 'must be true or false', { field: 'filter.superUser' });
    return {
      filter: { ...(q?.trim() ? { q: q.trim() } : {}), ...(superUser !== undefined ? { superUser } : {}) },
    };
  }
  throw new SessionKitError('invalid_input', 'pick people or a filter', { field: 'userIds' });
}

function parseReason(reason: string | null): string | null {
  if (reason === null || reason === undefined) return null;
  if (typeof reason !== 'string' || reason.length > MAX_REASON)
    throw new SessionKitError('invalid_input', `must be text of at most ${MAX_REASON} characters`, {
      field: 'reason',
    });
  return reason.trim() || null;
}
