import { describe, expect, it } from 'vitest';
import { isSessionKitError } from './errors.js';
import type { SessionPolicy } from './policy.js';
import { DEFAULT_POLICY, lifetimeMs } from './policy.js';
import { accountPolicyErrors, effectivePolicy, parseAccountPolicy, rolesOf } from './rolePolicies.js';

const account: SessionPolicy = {
  concurrentSessions: { enabled: true, max: 5, onExceed: 'evict_oldest' },
  idleTimeout: { enabled: true, value: 7, unit: 'days' },
  rememberMe: {
    allowed: true,
    rememberedLifetime: { value: 60, unit: 'days' },
    standardLifetime: { value: 1, unit: 'days' },
  },
  retention: { endedSessionDays: 30 },
};

/** The issue's example: administrators 30 minutes idle, 8 hours' lifetime, at most 2 sessions. */
const adminOverride = {
  concurrentSessions: { max: 2 },
  idleTimeout: { value: 30, unit: 'minutes' },
  rememberMe: { allowed: false, standardLifetime: { value: 8, unit: 'hours' } },
} as const;

function withRoles(roles: SessionPolicy['roles']): SessionPolicy {
  return { ...structuredClone(account), roles: structuredClone(roles) };
}

function fieldsOf(input: unknown, base: SessionPolicy = account): string[] {
  return accountPolicyErrors(input, base).map((e) => e.field);
}

describe('role overrides: validation', () => {
  it('saves an override that sets only some fields, and keeps the account policy as it was', () => {
    const saved = parseAccountPolicy({ roles: { admin: adminOverride } }, account);
    expect(saved.roles).toEqual({ admin: adminOverride });
    expect(saved.concurrentSessions).toEqual(account.concurrentSessions);
  });

  it('keeps the current overrides when an update leaves roles out, and removes them all with {}', () => {
    const current = withRoles({ admin: adminOverride });
    expect(parseAccountPolicy({ retention: { endedSessionDays: 10 } }, current).roles).toEqual({
      admin: adminOverride,
    });
    expect(parseAccountPolicy({ roles: {} }, current).roles).toBeUndefined();
  });

  it('names the role and the field of a bad value', () => {
    const errors = accountPolicyErrors(
      { roles: { admin: { idleTimeout: { value: 0, unit: 'minutes' } } } },
      account,
    );
    expect(errors).toEqual([
      {
        field: 'roles.admin.idleTimeout.value',
        message: 'roles.admin.idleTimeout.value must be a whole number of at least 1',
      },
    ]);
    expect(fieldsOf({ roles: { admin: { concurrentSessions: { max: 1001 } } } })).toEqual([
      'roles.admin.concurrentSessions.max',
    ]);
    expect(fieldsOf({ roles: { admin: { concurrentSessions: { onExceed: 'kick' } } } })).toEqual([
      'roles.admin.concurrentSessions.onExceed',
    ]);
    expect(fieldsOf({ roles: { admin: { rememberMe: { allowed: 'yes' } } } })).toEqual([
      'roles.admin.rememberMe.allowed',
    ]);
  });

  it('refuses unknown settings, retention, and an override that sets nothing', () => {
    expect(fieldsOf({ roles: { admin: { colour: 'red' } } })).toEqual(['roles.admin.colour']);
    expect(fieldsOf({ roles: { admin: { idleTimeout: { after: 3 } } } })).toEqual([
      'roles.admin.idleTimeout.after',
    ]);
    expect(fieldsOf({ roles: { admin: { retention: { endedSessionDays: 3 } } } })).toEqual([
      'roles.admin.retention',
    ]);
    expect(fieldsOf({ roles: { admin: {} } })).toEqual(['roles.admin']);
    expect(fieldsOf({ roles: { admin: 'strict' } })).toEqual(['roles.admin']);
    expect(fieldsOf({ roles: ['admin'] })).toEqual(['roles']);
  });

  it('wants an idle timeout value and its unit together', () => {
    expect(fieldsOf({ roles: { admin: { idleTimeout: { value: 30 } } } })).toEqual([
      'roles.admin.idleTimeout.unit',
    ]);
    expect(fieldsOf({ roles: { admin: { idleTimeout: { unit: 'hours' } } } })).toEqual([
      'roles.admin.idleTimeout.value',
    ]);
    expect(fieldsOf({ roles: { admin: { idleTimeout: { enabled: false } } } })).toEqual([]);
  });

  it('refuses role names that are empty, padded, too long or reserved', () => {
    for (const name of ['', ' admin', 'x'.repeat(65), '__proto__', 'constructor', 'a\u0000b'])
      expect(
        fieldsOf(JSON.parse(JSON.stringify({ roles: { [name]: { rememberMe: { allowed: false } } } }))),
        name,
      ).toEqual(['roles']);
    expect(fieldsOf({ roles: { 'Support agent': { rememberMe: { allowed: false } } } })).toEqual([]);
  });

  it('checks each override against the account policy it applies over, after either changes', () => {
    // Remembered sessions may not be shorter than the others: the role's 2 days against the account's 5.
    expect(
      fieldsOf(
        { rememberMe: { standardLifetime: { value: 5, unit: 'days' } } },
        withRoles({ admin: { rememberMe: { rememberedLifetime: { value: 2, unit: 'days' } } } }),
      ),
    ).toEqual(['roles.admin.rememberMe.rememberedLifetime']);
    expect(() =>
      parseAccountPolicy({ roles: { admin: { rememberMe: { rememberedDays: 0 } } } }, account),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'roles.admin.rememberMe.rememberedDays' }),
    );
  });

  it('saves a role lifetime in hours, and reads the older whole days in an override as days', () => {
    const policy = parseAccountPolicy(
      {
        roles: {
          admin: { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } },
          support: { rememberMe: { rememberedDays: 7 } },
        },
      },
      account,
    );
    expect(policy.roles).toEqual({
      admin: { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } },
      support: { rememberMe: { rememberedLifetime: { value: 7, unit: 'days' } } },
    });
  });

  it("names a role's bad lifetime by its path under the role", () => {
    expect(fieldsOf({ roles: { admin: { rememberMe: { standardLifetime: { value: 8 } } } } })).toEqual([
      'roles.admin.rememberMe.standardLifetime.unit',
    ]);
    expect(() =>
      parseAccountPolicy({ roles: { admin: { rememberMe: { standardDays: 0 } } } }, account),
    ).toThrow(
      expect.objectContaining({
        field: 'roles.admin.rememberMe.standardDays',
        message: 'roles.admin.rememberMe.standardDays must be between 1 and 3650',
      }),
    );
  });

  it('refuses a bad override without touching the account part of the same update', () => {
    let thrown: unknown;
    try {
      parseAccountPolicy(
        { idleTimeout: { value: 1, unit: 'days' }, roles: { admin: { concurrentSessions: { max: 0 } } } },
        account,
      );
    } catch (error) {
      thrown = error;
    }
    expect(isSessionKitError(thrown, 'invalid_input')).toBe(true);
  });
});

describe('role overrides: the effective policy', () => {
  it('is the account policy, from the account, for a person without an overridden role', () => {
    const policy = withRoles({ admin: adminOverride });
    for (const roles of [[], ['user'], ['editor', 'user']]) {
      const effective = effectivePolicy(policy, roles);
      expect(effective.policy).toEqual(account);
      expect(effective.roles).toEqual([]);
      expect(Object.values(effective.sources).every((s) => s.from === 'account')).toBe(true);
    }
  });

  it("takes the role's values where it sets them and the account's elsewhere, saying which", () => {
    const effective = effectivePolicy(withRoles({ admin: adminOverride }), ['admin']);
    expect(effective.policy).toEqual({
      concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' },
      idleTimeout: { enabled: true, value: 30, unit: 'minutes' },
      rememberMe: {
        allowed: false,
        rememberedLifetime: { value: 60, unit: 'days' },
        standardLifetime: { value: 8, unit: 'hours' },
      },
      retention: { endedSessionDays: 30 },
    });
    expect(effective.policy.roles).toBeUndefined();
    const admin = { from: 'role', role: 'admin' };
    const acct = { from: 'account', role: null };
    expect(effective.sources).toEqual({
      'concurrentSessions.enabled': acct,
      'concurrentSessions.max': admin,
      'concurrentSessions.onExceed': acct,
      'idleTimeout.enabled': acct,
      'idleTimeout.value': admin,
      'idleTimeout.unit': admin,
      'rememberMe.allowed': admin,
      'rememberMe.rememberedLifetime': acct,
      'rememberMe.standardLifetime': admin,
      'retention.endedSessionDays': acct,
    });
  });

  it('gives a person with several overridden roles the strictest value of each rule', () => {
    const policy = withRoles({
      admin: { idleTimeout: { value: 30, unit: 'minutes' }, concurrentSessions: { max: 3 } },
      auditor: {
        idleTimeout: { value: 8, unit: 'hours' },
        concurrentSessions: { max: 2, onExceed: 'deny_new' },
        rememberMe: { rememberedLifetime: { value: 10, unit: 'days' } },
      },
    });
    const effective = effectivePolicy(policy, ['auditor', 'admin']);
    expect(effective.roles).toEqual(['admin', 'auditor']);
    expect(effective.policy.idleTimeout).toEqual({ enabled: true, value: 30, unit: 'minutes' });
    expect(effective.sources['idleTimeout.value']).toEqual({ from: 'role', role: 'admin' });
    expect(effective.policy.concurrentSessions).toEqual({ enabled: true, max: 2, onExceed: 'deny_new' });
    expect(effective.sources['concurrentSessions.max']).toEqual({ from: 'role', role: 'auditor' });
    expect(effective.policy.rememberMe.rememberedLifetime).toEqual({ value: 10, unit: 'days' });
    expect(effective.sources['rememberMe.rememberedLifetime']).toEqual({ from: 'role', role: 'auditor' });
  });

  it('weighs lifetimes in any unit by their length, taking value and unit from one role', () => {
    const policy = withRoles({
      admin: { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } },
      auditor: { rememberMe: { standardLifetime: { value: 600, unit: 'minutes' } } },
    });
    const effective = effectivePolicy(policy, ['auditor', 'admin']);
    expect(effective.policy.rememberMe.standardLifetime).toEqual({ value: 8, unit: 'hours' });
    expect(effective.sources['rememberMe.standardLifetime']).toEqual({ from: 'role', role: 'admin' });
    expect(effective.sources['rememberMe.rememberedLifetime']).toEqual({ from: 'account', role: null });
  });

  it('weighs a limit that is off as no limit, and an idle timeout that is off as never', () => {
    const policy = withRoles({
      lax: { concurrentSessions: { enabled: false }, idleTimeout: { enabled: false } },
      strict: { concurrentSessions: { max: 4 }, idleTimeout: { value: 2, unit: 'days' } },
    });
    const effective = effectivePolicy(policy, ['lax', 'strict']);
    expect(effective.policy.concurrentSessions).toMatchObject({ enabled: true, max: 4 });
    expect(effective.policy.idleTimeout).toEqual({ enabled: true, value: 2, unit: 'days' });
    // Alone, the lax role does relax the account policy.
    expect(effectivePolicy(policy, ['lax']).policy.idleTimeout.enabled).toBe(false);
  });

  it('answers the same whatever order the directory lists the roles in, ties going to the first name', () => {
    const policy = withRoles({
      beta: { concurrentSessions: { max: 2 } },
      alpha: { concurrentSessions: { max: 2 } },
    });
    const one = effectivePolicy(policy, ['beta', 'alpha']);
    expect(effectivePolicy(policy, ['alpha', 'beta', 'alpha'])).toEqual(one);
    expect(one.sources['concurrentSessions.max']).toEqual({ from: 'role', role: 'alpha' });
  });

  it('keeps remembered sessions at least as long as the others, whichever roles weigh in', () => {
    const policy = parseAccountPolicy(
      {
        roles: {
          a: { rememberMe: { rememberedDays: 10, standardDays: 1 } },
          b: {
            rememberMe: {
              rememberedLifetime: { value: 30, unit: 'days' },
              standardLifetime: { value: 120, unit: 'hours' },
            },
          },
        },
      },
      account,
    );
    const { rememberMe } = effectivePolicy(policy, ['a', 'b']).policy;
    expect(lifetimeMs({ ...account, rememberMe }, true)).toBeGreaterThanOrEqual(
      lifetimeMs({ ...account, rememberMe }, false),
    );
  });

  it("reads a person's roles from the directory's role and roles, once each", () => {
    expect(rolesOf({ role: 'admin', roles: ['auditor', 'admin'] })).toEqual(['admin', 'auditor']);
    expect(rolesOf({ role: null })).toEqual([]);
    expect(rolesOf(undefined)).toEqual([]);
  });

  it('leaves the kit defaults, which have no overrides, as they are', () => {
    expect(effectivePolicy(DEFAULT_POLICY, ['admin']).policy).toEqual(DEFAULT_POLICY);
  });
});
