import type {
  AdminUserRecord,
  AuditEventRecord,
  BulkPerson,
  BulkRevokePreview,
  DirectoryUser,
  SessionRecord,
  TeamSessionRecord,
} from '@sessionkit/core/browser';
import { MAX_BULK_PEOPLE } from '@sessionkit/core/browser';
import { IT_ADMIN, NOW } from './fixtures.js';
import type { Handler, MockCaller } from './mockProtocol.js';
import { error } from './mockProtocol.js';

interface BulkState {
  team: TeamSessionRecord[];
  audit: AuditEventRecord[];
}

type End = (s: TeamSessionRecord, reason: SessionRecord['endReason'], note: string | null) => unknown;

const person = (u: AdminUserRecord): BulkPerson => ({
  userId: u.userId,
  name: u.name,
  superUser: u.superUser,
  sessions: u.activeSessions,
});

let bulkCounter = 0;

/**
 * Bulk force logout as the plugin answers it (docs/http-api.md, "Bulk force logout"), over the mock's team:
 * the stories' owner is a super user who may include super users; the contract's administrator is not.
 */
export function bulkRoutes(
  state: BulkState,
  end: End,
  users: () => AdminUserRecord[],
  directory: DirectoryUser[],
  owner: DirectoryUser,
): [string, RegExp, Handler][] {
  const actorOf = (as: MockCaller) => (as === 'admin' ? IT_ADMIN : owner);

  const preview = (
    body: Record<string, unknown>,
    as: MockCaller,
  ): BulkRevokePreview | ReturnType<typeof error> => {
    const { userIds, filter } = body;
    const unknownKey = Object.keys(body).find((k) => !['userIds', 'filter', 'reason'].includes(k));
    if (unknownKey) return error(400, 'invalid_input', `${unknownKey} is not accepted here`, unknownKey);
    if ((userIds === undefined) === (filter === undefined))
      return error(400, 'invalid_input', 'userIds: send either userIds or filter', 'userIds');
    const actor = actorOf(as);
    let rows: AdminUserRecord[];
    let notSignedIn: string[] = [];
    if (userIds !== undefined) {
      if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > MAX_BULK_PEOPLE)
        return error(400, 'invalid_input', 'userIds: must be a list of 1 to 500 user ids', 'userIds');
      const unknown = userIds.filter((id) => !directory.some((u) => u.id === id));
      if (unknown.length > 0)
        return error(404, 'not_found', `no such user: ${unknown.join(', ')}`, 'userIds');
      const active = users();
      rows = active.filter((u) => userIds.includes(u.userId));
      notSignedIn = userIds.filter((id: string) => !active.some((u) => u.userId === id));
    } else {
      const f = (filter ?? {}) as { q?: unknown; superUser?: unknown };
      if (typeof f !== 'object') return error(400, 'invalid_input', 'filter: must be an object', 'filter');
      if (f.q !== undefined && typeof f.q !== 'string')
        return error(400, 'invalid_input', 'filter.q: must be text', 'filter.q');
      const q = String(f.q ?? '')
        .trim()
        .toLowerCase();
      // As `GET /admin/users` of this mock filters.
      rows = users().filter(
        (u) =>
          (!q || u.name.toLowerCase().includes(q) || (u.email ?? '').toLowerCase().includes(q)) &&
          (f.superUser === undefined || u.superUser === f.superUser),
      );
    }
    const mine = rows.filter((u) => u.userId !== actor.id);
    const may = (u: AdminUserRecord) => !u.superUser || actor.superUser === true;
    const people = mine.filter(may).map(person);
    return {
      people,
      sessions: people.reduce((n, p) => n + p.sessions, 0),
      superUsers: people.filter((p) => p.superUser),
      refused: mine.filter((u) => !may(u)).map(person),
      selfExcluded: rows.length !== mine.length,
      notSignedIn,
    };
  };

  return [
    [
      'POST',
      /^\/admin\/bulk-force-logout\/preview$/,
      ({ body, caller }) => {
        if ('reason' in body) return error(400, 'invalid_input', 'reason is not accepted here', 'reason');
        const answer = preview(body, caller);
        return 'status' in answer ? answer : { body: answer };
      },
    ],
    [
      'POST',
      /^\/admin\/bulk-force-logout$/,
      ({ body, caller }) => {
        const answer = preview(body, caller);
        if ('status' in answer) return answer;
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (!reason) return error(400, 'invalid_input', 'reason: is required', 'reason');
        if (body.userIds !== undefined && answer.refused.length > 0) {
          const names = answer.refused.map((p) => p.name).join(', ');
          return error(403, 'forbidden', `you may not sign out ${names}`, 'userIds');
        }
        if (answer.people.length === 0) {
          const field = body.userIds !== undefined ? 'userIds' : 'filter';
          return error(400, 'invalid_input', `${field}: selects nobody you can sign out`, field);
        }
        const actor = actorOf(caller);
        const bulkId = `blk_mock${++bulkCounter}`;
        let ended = 0;
        const events: AuditEventRecord[] = [];
        for (const p of answer.people) {
          const theirs = state.team.filter((s) => s.userId === p.userId && s.status === 'active');
          theirs.forEach((s) => end(s, 'force_logout', reason));
          ended += theirs.length;
          events.push(
            bulkEvent(`${bulkId}_${p.userId}`, actor.id, p.userId, reason, { ended: theirs.length, bulkId }),
          );
        }
        events.push(
          bulkEvent(`${bulkId}_all`, actor.id, null, reason, {
            bulkId,
            people: answer.people.length,
            ended,
            superUsers: answer.superUsers.length,
            leftOut: answer.refused.length,
            selection: body.userIds !== undefined ? 'people' : 'filter',
          }),
        );
        state.audit.unshift(...events.reverse());
        return { body: { bulkId, people: answer.people.length, ended } };
      },
    ],
  ];
}

function bulkEvent(
  id: string,
  actorId: string,
  targetUserId: string | null,
  reason: string,
  details: AuditEventRecord['details'],
): AuditEventRecord {
  return {
    id,
    at: NOW,
    action: targetUserId ? 'force_logout' : 'bulk_force_logout',
    actorId,
    targetUserId,
    sessionId: null,
    endReason: null,
    reason,
    ip: '99.230.14.8',
    details,
  };
}

/** A bulk action already in the trail: Dana forced out two people of Sales and Support a day ago. */
export function bulkAuditEvents(at: Date = new Date(NOW.getTime() - 26 * 3_600_000)): AuditEventRecord[] {
  const bulkId = 'blk_seed_reorg';
  const reason = 'Contractors offboarded';
  const event = (id: string, target: string | null, details: AuditEventRecord['details']) => ({
    ...bulkEvent(id, 'usr_dana', target, reason, details),
    at,
  });
  return [
    event('aud_b0', null, {
      bulkId,
      people: 2,
      ended: 3,
      superUsers: 0,
      leftOut: 0,
      selection: 'people',
    }),
    event('aud_b1', 'usr_lucas', { ended: 2, bulkId }),
    event('aud_b2', 'usr_omar', { ended: 1, bulkId }),
  ];
}
