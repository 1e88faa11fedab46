import {
  accountPolicyErrors,
  answerAccess,
  defaultAuthorize,
  effectivePolicy,
  rolesOf,
  sameDevice,
  type SessionPolicy,
} from '@sessionkit/core/browser';
import type { AdminUserRecord, SessionRecord, TeamSessionRecord } from '@sessionkit/core/browser';
import {
  IT_ADMIN,
  NOW,
  OWNER,
  TEAM,
  apiKeys,
  auditEvents,
  authorizedApps,
  mySessions,
  policy,
  pushRegistrations,
  teamDirectory,
  teamSessions,
} from './fixtures.js';
import { bulkRoutes } from './mockBulk.js';
import { credentialRoutes } from './mockCredentials.js';
import { loginStatsAnswer } from './mockLoginStats.js';
import { suspensionRoutes } from './mockSuspensions.js';
import { alertRoutes, alertState, withAlerts } from './mockAlerts.js';
import type { Handler, MockCaller, MockServerOptions, RecordedCall } from './mockProtocol.js';
import { MOCK_API, MOCK_CSRF, STATUSES, badStatus, error, page } from './mockProtocol.js';

export type { MockCaller, MockServerOptions, RecordedCall } from './mockProtocol.js';
export { MOCK_API, MOCK_CSRF } from './mockProtocol.js';

/**
 * An in-memory SessionKit server behind a `fetch`: the real `sessionKitDataProvider` talks to it, so stories run
 * the same requests, headers and shapes as a host does (docs/http-api.md), with no backend.
 */
export function createMockServer(options: MockServerOptions = {}) {
  const state = {
    mine: options.mySessions ?? mySessions(),
    team: options.teamSessions ?? teamSessions(),
    apps: options.apps ?? authorizedApps(),
    // Who connected an app through the mock; the fixtures' apps are the viewer's own.
    appOwners: new Map<string, string>(),
    push: options.push ?? pushRegistrations(),
    keys: options.apiKeys ?? apiKeys(),
    audit: options.audit ?? auditEvents(),
    policy: options.policy ?? policy(),
    suspensions: options.suspensions ?? [],
    alerts: alertState(options.alerts),
  };
  const calls: RecordedCall[] = [];

  const caller = options.caller ?? OWNER;
  // Ended by whoever the stories' viewer is, as the router records the actor; a team session also names them.
  const end = <S extends SessionRecord>(
    s: S,
    reason: SessionRecord['endReason'],
    note: string | null = null,
  ) => {
    s.status = 'ended';
    s.endedAt = NOW;
    s.endReason = reason;
    s.endedBy = caller.id;
    s.endNote = note;
    if ('endedByName' in s) (s as TeamSessionRecord).endedByName = caller.name;
    return s;
  };

  const users = (): AdminUserRecord[] =>
    TEAM.map((u) => {
      const active = state.team.filter((s) => s.userId === u.userId && s.status === 'active');
      const newest = [...active].sort((a, b) => +b.createdAt - +a.createdAt)[0];
      return {
        id: u.id,
        userId: u.userId,
        name: u.name,
        email: u.email,
        role: u.role,
        department: u.department,
        superUser: u.superUser,
        activeSessions: active.length,
        lastLoginAt: newest?.createdAt ?? NOW,
        lastLoginIp: newest?.ip ?? '',
        lastActiveAt: active.reduce((m, s) => (s.lastSeenAt > m ? s.lastSeenAt : m), new Date(0)),
      };
    }).filter((u) => u.activeSessions > 0);

  const directory = teamDirectory();
  // Whose "own" records a request reads: the contract's callers are the person (the viewer without rights)
  // and an administrator; the stories' viewer is the owner.
  let asking: MockCaller = 'owner';
  const me = () => (asking === 'admin' ? IT_ADMIN : caller);

  const routes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^\/me\/access$/,
      // The server's own rule and answer (core's), over the fixtures' team.
      async ({ query, caller: as }) => {
        const bad =
          [...query.keys()].find((key) => key !== 'userId') ??
          (query.getAll('userId').length > 1 ? 'userId' : undefined);
        if (bad) return error(400, 'invalid_input', `${bad}: ask about one user, as ?userId=<id>`, bad);
        const userId = query.get('userId');
        const target =
          userId === null ? undefined : { userId, user: directory.find((u) => u.id === userId) ?? null };
        // The contract's callers: the stories' viewer, the same person without rights, an administrator.
        const actor = as === 'admin' ? IT_ADMIN : as === 'person' ? { ...caller, superUser: false } : caller;
        const asker = { tenantId: actor.tenantId, actorId: actor.id, actor };
        return { body: await answerAccess(defaultAuthorize, asker, target) };
      },
    ],
    [
      'GET',
      /^\/me\/sessions$/,
      ({ query }) => {
        const status = query.get('status') ?? 'active';
        if (!STATUSES.includes(status)) return badStatus();
        const rows = state.mine.filter((s) => status === 'all' || s.status === status);
        return page(withAlerts(state, rows), query);
      },
    ],
    [
      'POST',
      /^\/me\/sessions\/revoke-others$/,
      () => {
        const others = state.mine.filter((s) => !s.current && s.status === 'active');
        others.forEach((s) => end(s, 'revoked_others'));
        return { body: { ended: others.length } };
      },
    ],
    [
      'GET',
      /^\/me\/sessions\/([^/]+)$/,
      ({ params }) => {
        const s = state.mine.find((x) => x.id === params[0]);
        if (!s) return error(404, 'not_found', 'No such session');
        // As the router: the sign-ins from that device within the history the policy keeps.
        const count = state.mine.filter((x) => sameDevice(x.device, s.device)).length;
        const days = state.policy.retention.endedSessionDays;
        // As the router: the caller's own rules, their role's override weighed.
        const rules = effectivePolicy(state.policy, rolesOf(caller));
        return {
          body: { ...withAlerts(state, [s])[0], deviceSignIns: { count, days }, effectivePolicy: rules },
        };
      },
    ],
    [
      'DELETE',
      /^\/me\/sessions\/([^/]+)$/,
      ({ params }) => {
        const s = state.mine.find((x) => x.id === params[0] && x.status === 'active');
        return s
          ? { body: end(s, s.current ? 'logout' : 'revoked') }
          : error(404, 'not_found', 'No such session');
      },
    ],
    [
      'GET',
      /^\/admin\/summary$/,
      () => {
        const u = users();
        return {
          body: {
            activeUsers: u.length,
            activeSessions: u.reduce((n, x) => n + x.activeSessions, 0),
            superUsers: u.filter((x) => x.superUser).length,
          },
        };
      },
    ],
    [
      'GET',
      /^\/admin\/users$/,
      ({ query }) => {
        const q = (query.get('q') ?? '').toLowerCase();
        const superUser = query.get('superUser');
        const rows = users().filter(
          (u) =>
            (!q || u.name.toLowerCase().includes(q) || (u.email ?? '').toLowerCase().includes(q)) &&
            (superUser === null || String(u.superUser) === superUser),
        );
        return page(rows, query);
      },
    ],
    [
      'GET',
      /^\/admin\/sessions$/,
      ({ query }) => {
        const userId = query.get('userId');
        // As the router: an administrator's list shows ended sessions too unless asked for one status.
        const status = query.get('status') ?? 'all';
        if (!STATUSES.includes(status)) return badStatus();
        return page(
          state.team.filter(
            (s) => (!userId || s.userId === userId) && (status === 'all' || s.status === status),
          ),
          query,
        );
      },
    ],
    [
      'GET',
      /^\/admin\/sessions\/([^/]+)$/,
      ({ params }) => {
        const s = state.team.find((x) => x.id === params[0]);
        if (!s) return error(404, 'not_found', 'No such session');
        // As the router: the owner's own rules, their role's override weighed.
        const owner = TEAM.find((u) => u.userId === s.userId);
        return {
          body: { ...s, effectivePolicy: effectivePolicy(state.policy, owner?.role ? [owner.role] : []) },
        };
      },
    ],
    [
      'DELETE',
      /^\/admin\/sessions\/([^/]+)$/,
      ({ params, body, caller: as }) => {
        const s = state.team.find((x) => x.id === params[0] && x.status === 'active');
        if (!s) return error(404, 'not_found', 'No such session');
        // As for a force logout: only super users end a super user's session.
        if (s.user.superUser && as !== 'owner')
          return error(403, 'forbidden', 'you are not allowed to do this');
        const note = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : null;
        return { body: end(s, 'revoked', note) };
      },
    ],
    [
      'POST',
      /^\/admin\/users\/([^/]+)\/force-logout$/,
      ({ params, body, caller }) => {
        if (typeof body.reason !== 'string' || !body.reason.trim()) {
          return error(400, 'invalid_input', 'reason is required', 'reason');
        }
        const target = TEAM.find((u) => u.userId === params[0]);
        if (!target) return error(404, 'not_found', 'no such user', 'userId');
        // Only super users act on super users; the stories' viewer is one, other administrators aren't.
        if (target.superUser && caller !== 'owner') {
          return error(403, 'forbidden', 'you are not allowed to do this');
        }
        const ended = state.team.filter((s) => s.userId === params[0] && s.status === 'active');
        ended.forEach((s) => end(s, 'force_logout'));
        return { body: { ended: ended.length } };
      },
    ],
    [
      'POST',
      /^\/admin\/sessions\/revoke-all$/,
      ({ body }) => {
        if (typeof body.reason !== 'string' || !body.reason.trim()) {
          return error(400, 'invalid_input', 'reason is required', 'reason');
        }
        const ended = state.team.filter((s) => !s.current && s.status === 'active');
        ended.forEach((s) => end(s, 'revoked'));
        return { body: { ended: ended.length } };
      },
    ],
    ['GET', /^\/admin\/users\/([^/]+)\/login-stats$/, ({ query }) => loginStatsAnswer(query)],
    ['GET', /^\/policy$/, () => ({ body: state.policy })],
    [
      'PUT',
      /^\/policy$/,
      ({ body }) => {
        const first = accountPolicyErrors(body, state.policy)[0];
        if (first) return error(400, 'invalid_input', first.message, first.field);
        const next = body as unknown as SessionPolicy;
        // As core: `{}` removes the overrides, and a policy without any carries no `roles`.
        if (next.roles && Object.keys(next.roles).length === 0) delete next.roles;
        state.policy = next;
        return { body: state.policy };
      },
    ],
    ['GET', /^\/api-keys$/, ({ query }) => page(state.keys, query)],
    ...credentialRoutes(state, { me, viewerId: caller.id }, directory),
    ...suspensionRoutes(state, (as) => (as === 'admin' ? IT_ADMIN : caller)),
    ...bulkRoutes(state, end, users, directory, caller),
    ...alertRoutes(state),
    [
      'GET',
      /^\/audit-events$/,
      ({ query }) => {
        const userId = query.get('userId');
        const action = query.get('action');
        const bulkId = query.get('bulkId');
        const raw = query.get('q') ?? '';
        if (raw.length > 200) return error(400, 'invalid_input', 'q: must be at most 200 characters', 'q');
        const q = raw.trim();
        // As the plugin: names, emails and departments through the directory, and the text as an id.
        const text = q.toLowerCase();
        const named = new Set([
          ...directory
            .filter((u) => [u.name, u.email, u.department].some((v) => v?.toLowerCase().includes(text)))
            .map((u) => u.id),
          q,
        ]);
        const concerns = (e: { actorId: string | null; targetUserId: string | null }) =>
          (e.actorId !== null && named.has(e.actorId)) ||
          (e.targetUserId !== null && named.has(e.targetUserId));
        return page(
          state.audit.filter(
            (e) =>
              (!userId || e.actorId === userId || e.targetUserId === userId) &&
              (!q || concerns(e)) &&
              (!action || e.action === action) &&
              (!bulkId || e.details.bulkId === bulkId),
          ),
          query,
        );
      },
    ],
  ];

  const handle = async (
    caller: MockCaller,
    input: RequestInfo | URL,
    init: RequestInit = {},
  ): Promise<Response> => {
    const url = new URL(String(input), 'http://mock.local');
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(MOCK_API, '') || '/';
    const headers = new Headers(init.headers);
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    calls.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: init.body ? body : undefined,
      csrf: headers.get('x-csrf-token'),
    });
    const json = (status: number, data: unknown, total?: number) =>
      new Response(JSON.stringify(data), {
        status,
        headers: {
          'content-type': 'application/json',
          ...(total === undefined ? {} : { 'x-total-count': String(total) }),
        },
      });

    if (options.hang?.test(path)) return new Promise<Response>(() => {});
    const respond = options.respond;
    if (respond?.match.test(path) && (respond.method ?? method) === method)
      return json(respond.status, respond.body);
    const link = path.startsWith('/alerts/'); // the "this wasn't me" link's routes: anyone, no CSRF cookie
    if (caller === 'anonymous' && !link)
      return json(401, { error: 'unauthenticated', message: 'sign in first' });
    if (method !== 'GET' && !link && headers.get('x-csrf-token') !== MOCK_CSRF) {
      return json(403, { error: 'csrf', message: 'CSRF token missing or wrong' });
    }
    for (const [verb, pattern, handler] of routes) {
      const match = verb === method ? pattern.exec(path) : null;
      if (!match) continue;
      // As the kit's default rule: a person manages their own sessions and reads the policy, nothing more.
      const own =
        path.startsWith('/me/') || path === '/api-key-scopes' || (path === '/policy' && method === 'GET');
      if (caller === 'person' && !own && !link)
        return json(403, { error: 'forbidden', message: 'you are not allowed to do this' });
      if (method !== 'GET' && options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      asking = caller;
      const result = await handler({
        params: match.slice(1).map(decodeURIComponent),
        query: url.searchParams,
        body,
        caller,
      });
      return json(result.status ?? 200, result.body, result.total);
    }
    return json(404, { error: 'not_found', message: `No route for ${method} ${path}` });
  };

  return {
    /** Answers as it does for the stories' viewer: Ana, the account's owner and a super user, who may do anything. */
    fetch: (input: RequestInfo | URL, init?: RequestInit) => handle('owner', input, init),
    /** Answers as it does for someone else: a person, an administrator who isn't a super user, or nobody. */
    fetchAs: (caller: Exclude<MockCaller, 'owner'>) => (input: RequestInfo | URL, init?: RequestInit) =>
      handle(caller, input, init),
    calls,
    state,
  };
}

export type MockServer = ReturnType<typeof createMockServer>;
