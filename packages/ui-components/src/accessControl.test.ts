import type { AccessControlProvider, AuthProvider } from '@refinedev/core';
import type { AccessAnswer } from '@sessionkit/core/browser';
import { describe, expect, it, vi } from 'vitest';
import { ACCESS_CACHE_MS, sessionKitAccessControl } from './accessControl.js';
import { SESSIONKIT_ACCESS } from './constants.js';
import { sessionKitDataProvider } from './dataProvider.js';
import { sessionKitAuthProvider } from './sessionEnded.js';

type Actions = AccessAnswer['actions'];

const ADMIN: Actions = { manage_own: true, read_policy: true, admin: true, act_on_behalf: true };
const MEMBER: Actions = { manage_own: true, read_policy: true, admin: false, act_on_behalf: false };
const HELPER: Actions = { ...MEMBER, act_on_behalf: true };

/**
 * A kit server answering `GET /me/access` for a caller with `actions`; `superUsers` are out of their reach unless
 * `actions` says otherwise. Records the user each question named ('' for none).
 */
function aKit(actions: Actions, options: { superUsers?: string[]; status?: number } = {}) {
  const asked: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://host.test');
    expect(url.pathname).toBe('/api/sessions/me/access');
    const userId = url.searchParams.get('userId');
    asked.push(userId ?? '');
    if (options.status) return json(options.status, { error: 'unauthenticated', message: 'sign in first' });
    const reachable = !options.superUsers?.includes(userId ?? '');
    const answer: AccessAnswer = {
      actions,
      ...(userId
        ? {
            target: {
              userId,
              actions: {
                admin: actions.admin && reachable,
                act_on_behalf: actions.act_on_behalf && reachable,
              },
            },
          }
        : {}),
    };
    return json(200, answer);
  });
  return { fetch, asked };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const allowed = async (
  provider: AccessControlProvider,
  check: { resource: string; action: string },
  params?: object,
) => (await provider.can({ ...check, ...(params ? { params } : {}) })).can;

describe('sessionKitAccessControl', () => {
  it('answers every check of the components from the kit’s answer, without a rule of its own', async () => {
    const expected: Record<
      keyof typeof SESSIONKIT_ACCESS,
      [admin: boolean, helper: boolean, member: boolean]
    > = {
      signOutSession: [true, true, true],
      signOutOtherSessions: [true, true, true],
      removePushRegistration: [true, true, true],
      revokeApp: [true, true, true],
      connectApp: [true, true, true],
      viewTeam: [true, false, false],
      signOutTeam: [true, false, false],
      editPolicy: [true, false, false],
      viewApiKeys: [true, false, false],
      manageOwnApiKeys: [true, true, true],
      revokeApiKey: [true, false, false],
      viewAuditLog: [true, false, false],
      forceLogout: [true, false, false],
      suspendSessions: [true, false, false],
      viewLoginStats: [true, true, false],
    };
    const providers = [ADMIN, HELPER, MEMBER].map((actions) =>
      sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: aKit(actions).fetch }),
    );
    for (const [name, check] of Object.entries(SESSIONKIT_ACCESS)) {
      const answers = await Promise.all(providers.map((p) => allowed(p, check)));
      expect(answers, name).toEqual(expected[name as keyof typeof SESSIONKIT_ACCESS]);
    }
  });

  it('asks about the user a check names: an administrator who isn’t super can’t force a super user out', async () => {
    const kit = aKit(ADMIN, { superUsers: ['usr_priya'] });
    const provider = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: kit.fetch });
    expect(await allowed(provider, SESSIONKIT_ACCESS.forceLogout, { userId: 'usr_priya' })).toBe(false);
    expect(await allowed(provider, SESSIONKIT_ACCESS.forceLogout, { userId: 'usr_sam' })).toBe(true);
    expect(await allowed(provider, SESSIONKIT_ACCESS.viewLoginStats, { userId: 'usr_priya' })).toBe(false);
    expect(kit.asked).toEqual(['usr_priya', 'usr_sam']);
  });

  it('treats revoking an app as the caller’s own business, and as acting on behalf when it names a user', async () => {
    const provider = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: aKit(MEMBER).fetch });
    expect(await allowed(provider, SESSIONKIT_ACCESS.revokeApp)).toBe(true);
    expect(await allowed(provider, SESSIONKIT_ACCESS.revokeApp, { userId: undefined })).toBe(true);
    expect(await allowed(provider, SESSIONKIT_ACCESS.revokeApp, { userId: 'usr_sam' })).toBe(false);
  });

  it('keeps an answer per user for the stated time, and asks once for checks made together', async () => {
    const kit = aKit(ADMIN);
    let now = 1_000_000;
    const provider = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: kit.fetch, now: () => now });
    await Promise.all([
      allowed(provider, SESSIONKIT_ACCESS.viewTeam),
      allowed(provider, SESSIONKIT_ACCESS.signOutTeam),
      allowed(provider, SESSIONKIT_ACCESS.forceLogout, { userId: 'usr_sam' }),
      allowed(provider, SESSIONKIT_ACCESS.forceLogout, { userId: 'usr_sam' }),
    ]);
    expect(kit.asked).toEqual(['', 'usr_sam']);
    now += ACCESS_CACHE_MS - 1;
    await allowed(provider, SESSIONKIT_ACCESS.viewTeam);
    await allowed(provider, SESSIONKIT_ACCESS.forceLogout, { userId: 'usr_lena' });
    expect(kit.asked).toEqual(['', 'usr_sam', 'usr_lena']);
    now += 1;
    await allowed(provider, SESSIONKIT_ACCESS.viewTeam);
    expect(kit.asked).toEqual(['', 'usr_sam', 'usr_lena', '']);
  });

  it('forgets its answers when asked, on a 401 from the kit, and when someone signs in or out', async () => {
    const kit = aKit(ADMIN);
    const provider = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: kit.fetch });
    const check = () => allowed(provider, SESSIONKIT_ACCESS.viewTeam);
    await check();
    provider.forget();
    await check();
    expect(kit.asked).toHaveLength(2);

    const data = sessionKitDataProvider('/api/sessions', {
      fetch: async () => json(401, { error: 'session_ended', reason: 'force_logout' }),
      readCookie: () => null,
    });
    await expect(data.getList({ resource: 'me/sessions' })).rejects.toThrow();
    await check();
    expect(kit.asked).toHaveLength(3);

    const host: AuthProvider = {
      login: async () => ({ success: true }),
      logout: async () => ({ success: true }),
      check: async () => ({ authenticated: true }),
      onError: async () => ({}),
    };
    const auth = sessionKitAuthProvider(host);
    await auth.login({});
    await check();
    await auth.logout({});
    await check();
    expect(kit.asked).toHaveLength(5);
  });

  it('refuses when the kit can’t answer, and asks again at the next check', async () => {
    const signedOut = aKit(ADMIN, { status: 401 });
    const provider = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: signedOut.fetch });
    expect(await provider.can(SESSIONKIT_ACCESS.signOutSession)).toEqual({
      can: false,
      reason: "Couldn't check what you may do: sign in first",
    });
    const down = sessionKitAccessControl({
      apiUrl: '/api/sessions',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await allowed(down, SESSIONKIT_ACCESS.signOutSession)).toBe(false);
    await provider.can(SESSIONKIT_ACCESS.signOutSession);
    expect(signedOut.asked).toHaveLength(2);
  });

  it('passes what it doesn’t know to the host’s provider, and allows it without one', async () => {
    const kit = aKit(MEMBER);
    const fallback: AccessControlProvider = {
      can: vi.fn(async ({ resource }) => ({ can: resource === 'invoices', reason: 'host rule' })),
      options: { buttons: { enableAccessControl: true, hideIfUnauthorized: false } },
    };
    const provider = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: kit.fetch, fallback });
    expect(await provider.can({ resource: 'invoices', action: 'list', params: { id: 7 } })).toEqual({
      can: true,
      reason: 'host rule',
    });
    expect(fallback.can).toHaveBeenCalledWith({ resource: 'invoices', action: 'list', params: { id: 7 } });
    expect(await allowed(provider, { resource: 'payroll', action: 'list' })).toBe(false);
    // A kit resource with an action the components never ask about is the host's to decide, too.
    expect(await allowed(provider, { resource: 'sessionkit.sessions', action: 'export' })).toBe(false);
    expect(provider.options).toBe(fallback.options);
    expect(kit.asked).toEqual([]);

    const alone = sessionKitAccessControl({ apiUrl: '/api/sessions', fetch: kit.fetch });
    expect(await allowed(alone, { resource: 'payroll', action: 'list' })).toBe(true);
    expect(alone.options).toEqual({ buttons: { enableAccessControl: true, hideIfUnauthorized: true } });
  });

  it('decides the host’s own pages by the kit action they are mapped to, about the user they name', async () => {
    const kit = aKit(HELPER, { superUsers: ['usr_priya'] });
    const fallback: AccessControlProvider = {
      can: async ({ resource, action }) => ({ can: resource === 'session-policy' && action === 'edit' }),
    };
    const provider = sessionKitAccessControl({
      apiUrl: '/api/sessions',
      fetch: kit.fetch,
      fallback,
      resources: { people: 'act_on_behalf', 'session-policy': { list: 'admin' } },
    });
    expect(await allowed(provider, { resource: 'people', action: 'list' })).toBe(true);
    expect(await allowed(provider, { resource: 'people', action: 'show' }, { userId: 'usr_sam' })).toBe(true);
    expect(await allowed(provider, { resource: 'people', action: 'show' }, { userId: 'usr_priya' })).toBe(
      false,
    );
    expect(await allowed(provider, { resource: 'session-policy', action: 'list' })).toBe(false);
    // An action the mapping leaves out goes to the host's provider.
    expect(await allowed(provider, { resource: 'session-policy', action: 'edit' })).toBe(true);
    expect(kit.asked).toEqual(['', 'usr_sam', 'usr_priya']);
  });
});
