import { suspensionErrors } from '@sessionkit/core/browser';
import type { DirectoryUser, SuspensionRecord, TeamSessionRecord } from '@sessionkit/core/browser';
import { NOW, TEAM } from './fixtures.js';
import type { Handler, MockCaller } from './mockProtocol.js';
import { error, page } from './mockProtocol.js';

interface SuspensionState {
  team: TeamSessionRecord[];
  suspensions: SuspensionRecord[];
}

/** A suspension in force, for fixtures: `userId` paused until `until` with `reason`, by Ana. */
export function aSuspension(userId: string, until: Date, reason: string): SuspensionRecord {
  const user = TEAM.find((u) => u.userId === userId);
  return {
    id: `sus_${userId}`,
    userId,
    user: {
      id: userId,
      name: user?.name ?? userId,
      department: user?.department ?? null,
      role: user?.role ?? null,
      superUser: user?.superUser ?? false,
    },
    reason,
    until,
    suspendedAt: NOW,
    suspendedBy: 'usr_ana',
    suspendedByName: 'Ana Ribeiro',
  };
}

/**
 * The mock's answers for suspending a person's sessions, as the router checks them: the admin right on the
 * person (only super users act on super users; nobody on themselves), a 404 for an unknown id, and core's own
 * check of `until` and `reason`. The mock's clock is the fixtures' `NOW`.
 */
export function suspensionRoutes(
  state: SuspensionState,
  actor: (caller: MockCaller) => DirectoryUser,
): [string, RegExp, Handler][] {
  const target = (userId: string, caller: MockCaller) => {
    const user = TEAM.find((u) => u.userId === userId);
    if (!user) return error(404, 'not_found', 'no such user', 'userId');
    const me = actor(caller);
    if (user.superUser && me.superUser !== true)
      return error(403, 'forbidden', 'you are not allowed to do this');
    return null;
  };
  const active = (userId: string) =>
    state.team.filter((s) => s.userId === userId && s.status === 'active').length;
  const inForce = () => state.suspensions.filter((s) => s.until > NOW);
  return [
    [
      'GET',
      /^\/admin\/suspensions$/,
      ({ query }) =>
        page(
          [...inForce()].sort((a, b) => +a.until - +b.until),
          query,
        ),
    ],
    [
      'GET',
      /^\/admin\/users\/([^/]+)\/suspension$/,
      ({ params, caller }) => {
        const refused = target(params[0]!, caller);
        if (refused) return refused;
        return { body: { suspension: inForce().find((s) => s.userId === params[0]) ?? null } };
      },
    ],
    [
      'POST',
      /^\/admin\/users\/([^/]+)\/suspension$/,
      ({ params, body, caller }) => {
        const unknown = Object.keys(body).find((k) => k !== 'until' && k !== 'reason');
        if (unknown)
          return error(400, 'invalid_input', `${unknown}: is not a field of this request`, unknown);
        const refused = target(params[0]!, caller);
        if (refused) return refused;
        const me = actor(caller);
        if (me.id === params[0])
          return error(403, 'forbidden', 'you cannot suspend your own sessions', 'userId');
        const first = suspensionErrors(body, NOW)[0];
        if (first) return error(400, 'invalid_input', first.message, first.field);
        const suspension: SuspensionRecord = {
          ...aSuspension(params[0]!, new Date(String(body.until)), String(body.reason).trim()),
          id: `sus_${params[0]}_${state.suspensions.length + 1}`,
          suspendedBy: me.id,
          suspendedByName: me.name,
        };
        state.suspensions = [...state.suspensions.filter((s) => s.userId !== params[0]), suspension];
        return { body: { suspension, sessions: active(params[0]!) } };
      },
    ],
    [
      'DELETE',
      /^\/admin\/users\/([^/]+)\/suspension$/,
      ({ params, caller }) => {
        const refused = target(params[0]!, caller);
        if (refused) return refused;
        const current = inForce().find((s) => s.userId === params[0]);
        if (!current) return error(404, 'not_found', 'this person is not suspended', 'userId');
        state.suspensions = state.suspensions.filter((s) => s !== current);
        return { body: { suspension: current, sessions: active(params[0]!) } };
      },
    ],
  ];
}
