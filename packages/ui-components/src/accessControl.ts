import type { AccessControlProvider, CanParams, CanReturnType, DataProvider } from '@refinedev/core';
import type { AccessAction, AccessAnswer, TargetAction } from '@sessionkit/core/browser';
import { SESSIONKIT_ACCESS } from './constants.js';
import type { SessionKitDataProviderOptions } from './dataProvider.js';
import { sessionKitDataProvider } from './dataProvider.js';
import { identityEpoch } from './internal/identityEpoch.js';

/**
 * What a check needs from the kit's answer: `self`, or `user` when the check names a user (`params.userId`).
 * Revoking an app is the caller's own business without a user and acting on their behalf with one.
 */
interface KitCheck {
  self: AccessAction;
  user?: TargetAction;
}

const KIT_CHECKS: Record<keyof typeof SESSIONKIT_ACCESS, KitCheck> = {
  signOutSession: { self: 'manage_own' },
  signOutOtherSessions: { self: 'manage_own' },
  removePushRegistration: { self: 'manage_own' },
  revokeApp: { self: 'manage_own', user: 'act_on_behalf' },
  connectApp: { self: 'manage_own' },
  viewTeam: { self: 'admin' },
  signOutTeam: { self: 'admin' },
  editPolicy: { self: 'admin' },
  viewApiKeys: { self: 'admin' },
  manageOwnApiKeys: { self: 'manage_own' },
  revokeApiKey: { self: 'admin' },
  viewAuditLog: { self: 'admin' },
  forceLogout: { self: 'admin', user: 'admin' },
  suspendSessions: { self: 'admin', user: 'admin' },
  viewLoginStats: { self: 'act_on_behalf', user: 'act_on_behalf' },
};

const KIT_PAIRS = new Map<string, KitCheck>(
  Object.entries(SESSIONKIT_ACCESS).map(([name, { resource, action }]) => [
    `${resource}/${action}`,
    KIT_CHECKS[name as keyof typeof SESSIONKIT_ACCESS],
  ]),
);

const isTargetAction = (action: AccessAction): action is TargetAction =>
  action === 'admin' || action === 'act_on_behalf';

/** The default time an answer is reused for one target: long enough for a page of rows, short next to a role change. */
export const ACCESS_CACHE_MS = 30_000;

/** Options of {@link sessionKitAccessControl}. */
export interface SessionKitAccessControlOptions extends Pick<
  SessionKitDataProviderOptions,
  'fetch' | 'credentials' | 'headers'
> {
  /** Where the kit's router is mounted, as given to `sessionKitDataProvider`: `GET <apiUrl>/me/access` is asked. */
  apiUrl: string;
  /**
   * The host's own resources that the kit's rule decides, by the kit action they need: every action of the
   * resource (`{ people: 'act_on_behalf' }`) or one by one (`{ people: { list: 'act_on_behalf' } }`). With
   * `params.userId` an `admin` or `act_on_behalf` check is asked about that user.
   */
  resources?: Record<string, AccessAction | Partial<Record<string, AccessAction>>>;
  /**
   * The host's own provider, asked about every resource and action the kit doesn't know; without one those are
   * allowed, as Refine allows everything without a provider.
   */
  fallback?: AccessControlProvider;
  /** How long an answer is reused for the same target user, in ms; default {@link ACCESS_CACHE_MS} (30 s). */
  cacheMs?: number;
  /** Refine's access-control options; default the fallback's, else refused buttons hidden. */
  options?: AccessControlProvider['options'];
  /** The time in ms, for tests; default `Date.now`. */
  now?: () => number;
}

/** A Refine access-control provider over the kit's answer; `forget` drops the answers it keeps. */
export interface SessionKitAccessControl extends AccessControlProvider {
  /**
   * Drops every answer kept. Sign-ins and sign-outs through `sessionKitAuthProvider`, and any 401 from the kit,
   * already do; call it when the signed-in person changes some other way.
   */
  forget(): void;
}

/**
 * Refine's `accessControlProvider` from the kit's own answer (`GET /me/access`): each `SESSIONKIT_ACCESS` check
 * is allowed exactly when the server's `authorize` hook would allow the route behind it, for the user the check
 * names (`params.userId`), so a host keeps no copy of the rule. Answers are kept per target user for `cacheMs`
 * and dropped when the signed-in person changes; a failed question is a refusal and is asked again next time.
 *
 * ```ts
 * const accessControlProvider = sessionKitAccessControl({
 *   apiUrl: '/api/sessions',
 *   resources: { people: 'act_on_behalf' },
 *   fallback: myAccessControlProvider,
 * });
 * ```
 */
export function sessionKitAccessControl(options: SessionKitAccessControlOptions): SessionKitAccessControl {
  const data: DataProvider = sessionKitDataProvider(options.apiUrl, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const cacheMs = options.cacheMs ?? ACCESS_CACHE_MS;
  const now = options.now ?? Date.now;
  const kept = new Map<string, { at: number; epoch: number; answer: Promise<AccessAnswer> }>();

  const answerFor = (userId: string | undefined): Promise<AccessAnswer> => {
    const at = now();
    const epoch = identityEpoch();
    for (const [key, entry] of kept) if (entry.epoch !== epoch || at - entry.at >= cacheMs) kept.delete(key);
    const key = userId ?? '';
    const hit = kept.get(key);
    if (hit) return hit.answer;
    const answer = data.custom!<AccessAnswer>({
      url: 'me/access',
      method: 'get',
      ...(userId !== undefined ? { query: { userId } } : {}),
    }).then((reply) => reply.data);
    const entry = { at, epoch, answer };
    kept.set(key, entry);
    // A failure is not an answer: the next check asks again.
    answer.catch(() => {
      if (kept.get(key) === entry) kept.delete(key);
    });
    return answer;
  };

  const checkOf = ({
    resource,
    action,
    params,
  }: CanParams): { need: AccessAction; userId?: string } | null => {
    if (!resource) return null;
    const userId = typeof params?.userId === 'string' && params.userId ? params.userId : undefined;
    const kit = KIT_PAIRS.get(`${resource}/${action}`);
    if (kit) return kit.user && userId ? { need: kit.user, userId } : { need: kit.self };
    const mapped = options.resources?.[resource];
    const need = typeof mapped === 'string' ? mapped : mapped?.[action];
    if (!need) return null;
    return userId && isTargetAction(need) ? { need, userId } : { need };
  };

  return {
    async can(params: CanParams): Promise<CanReturnType> {
      const check = checkOf(params);
      if (!check) return options.fallback ? options.fallback.can(params) : { can: true };
      try {
        const answer = await answerFor(check.userId);
        const allowed =
          check.userId !== undefined && isTargetAction(check.need)
            ? answer.target?.actions[check.need]
            : answer.actions[check.need];
        return allowed === true ? { can: true } : { can: false, reason: 'Not allowed for your account' };
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return { can: false, reason: `Couldn't check what you may do: ${why}` };
      }
    },
    options: options.options ??
      options.fallback?.options ?? { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
    forget: () => kept.clear(),
  };
}
