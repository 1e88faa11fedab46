import { BULK_SHAPES } from './bulkShapes.js';
import { HTTP_SHAPES } from './httpShapes.js';
import type { Shape } from './jsonShape.js';
import { arrayOf, reviveJson } from './jsonShape.js';
import { SUSPENSION_SHAPES } from './suspensionShapes.js';

interface RouteAnswer<T> {
  /** The shape of a successful answer; for a list, of each item. */
  readonly answer: Shape<T>;
  /** A page: an array of `answer`s, with the total in the `x-total-count` header. */
  readonly list?: true;
}

const one = <T>(answer: Shape<T>): RouteAnswer<T> => ({ answer });
const list = <T>(answer: Shape<T>): RouteAnswer<T> => ({ answer, list: true });

/**
 * Every route of the kit's router (`METHOD /path`, relative to where the host mounts it) and what it answers.
 * The router's own test holds it to the router's routes, so a new route can't be left out of the contract.
 */
export const HTTP_ROUTES = {
  'GET /me/sessions': list(HTTP_SHAPES.ownSession),
  'GET /me/sessions/:id': one(HTTP_SHAPES.ownSessionDetails),
  'DELETE /me/sessions/:id': one(HTTP_SHAPES.ownSession),
  'POST /me/sessions/revoke-others': one(HTTP_SHAPES.endedCount),
  'PATCH /me/sessions/:id/device': one(HTTP_SHAPES.ownSession),
  'POST /me/sessions/:id/confirm': one(HTTP_SHAPES.ownSession),
  'POST /me/sessions/:id/not-me': one(HTTP_SHAPES.signInAlertDenial),
  'GET /me/password-change': one(HTTP_SHAPES.passwordChangeAsk),
  'POST /alerts/lookup': one(HTTP_SHAPES.signInAlertLookup),
  'POST /alerts/not-me': one(HTTP_SHAPES.signInAlertDenial),
  'GET /me/authorized-apps': list(HTTP_SHAPES.authorizedApp),
  'POST /me/authorized-apps': one(HTTP_SHAPES.createdApp),
  'DELETE /me/authorized-apps/:id': one(HTTP_SHAPES.authorizedApp),
  'GET /me/push-registrations': list(HTTP_SHAPES.pushRegistration),
  'POST /me/push-registrations': one(HTTP_SHAPES.pushRegistration),
  'DELETE /me/push-registrations/:id': one(HTTP_SHAPES.pushRegistration),
  'GET /me/access': one(HTTP_SHAPES.access),
  'GET /admin/summary': one(HTTP_SHAPES.adminSummary),
  'GET /admin/users': list(HTTP_SHAPES.adminUser),
  'GET /admin/sessions': list(HTTP_SHAPES.teamSession),
  'GET /admin/sessions/:id': one(HTTP_SHAPES.adminSessionDetails),
  'DELETE /admin/sessions/:id': one(HTTP_SHAPES.teamSession),
  'POST /admin/users/:userId/force-logout': one(HTTP_SHAPES.endedCount),
  'POST /admin/sessions/revoke-all': one(HTTP_SHAPES.endedCount),
  'POST /admin/bulk-force-logout/preview': one(BULK_SHAPES.preview),
  'POST /admin/bulk-force-logout': one(BULK_SHAPES.result),
  'GET /admin/users/:userId/authorized-apps': list(HTTP_SHAPES.authorizedApp),
  'DELETE /admin/users/:userId/authorized-apps/:id': one(HTTP_SHAPES.authorizedApp),
  'GET /admin/users/:userId/login-stats': one(HTTP_SHAPES.loginStats),
  'GET /admin/suspensions': list(SUSPENSION_SHAPES.suspension),
  'GET /admin/users/:userId/suspension': one(SUSPENSION_SHAPES.userSuspension),
  'POST /admin/users/:userId/suspension': one(SUSPENSION_SHAPES.suspensionChange),
  'DELETE /admin/users/:userId/suspension': one(SUSPENSION_SHAPES.suspensionChange),
  'GET /policy': one(HTTP_SHAPES.policy),
  'PUT /policy': one(HTTP_SHAPES.policy),
  'GET /api-keys': list(HTTP_SHAPES.apiKey),
  'DELETE /api-keys/:id': one(HTTP_SHAPES.apiKey),
  'GET /api-key-scopes': one(HTTP_SHAPES.apiKeyScopes),
  'GET /me/api-keys': list(HTTP_SHAPES.apiKey),
  'POST /me/api-keys': one(HTTP_SHAPES.createdApiKey),
  'DELETE /me/api-keys/:id': one(HTTP_SHAPES.apiKey),
  'POST /admin/users/:userId/api-keys': one(HTTP_SHAPES.createdApiKey),
  'GET /audit-events': list(HTTP_SHAPES.auditEvent),
} as const;

export type HttpRoute = keyof typeof HTTP_ROUTES;

const PATTERNS = Object.keys(HTTP_ROUTES).map((route) => {
  const [method = '', pattern = ''] = route.split(' ');
  const segments = pattern.split('/').slice(1);
  return { route: route as HttpRoute, method, segments, params: segments.filter(isParam).length };
});

function isParam(segment: string): boolean {
  return segment.startsWith(':');
}

/**
 * The route a request goes to, from its method and its path below the kit's mount point
 * (`/me/sessions/ses_1`, query string or not); null for a path that isn't the kit's. A named segment
 * (`revoke-others`) wins over a parameter, as in the router.
 */
export function routeOf(method: string, path: string): HttpRoute | null {
  const verb = method.toUpperCase();
  const segments = path.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').slice(1);
  let best: (typeof PATTERNS)[number] | null = null;
  for (const candidate of PATTERNS) {
    if (candidate.method !== verb || candidate.segments.length !== segments.length) continue;
    const fits = candidate.segments.every((part, i) =>
      isParam(part) ? segments[i] !== '' : part === segments[i],
    );
    if (fits && (!best || candidate.params < best.params)) best = candidate;
  }
  return best?.route ?? null;
}

/**
 * A successful answer of the kit's API as the client holds it: its dates `Date`s where the route's shape has
 * them, in place (the body was just parsed). A path that isn't the kit's is left as it came.
 */
export function reviveAnswer(method: string, path: string, body: unknown): unknown {
  const route = routeOf(method, path);
  return route ? reviveJson(answerShape(route), body) : body;
}

/** The shape of a route's whole successful answer: for a list, the array of its items. */
export function answerShape(route: HttpRoute): Shape<unknown> {
  // Each route's answer has its own type; here only the shape's description matters.
  const spec = HTTP_ROUTES[route] as unknown as RouteAnswer<unknown>;
  return spec.list ? (arrayOf(spec.answer) as Shape<unknown>) : spec.answer;
}
