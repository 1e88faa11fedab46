import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from './clock.js';
import {
  DEFAULT_POLICY,
  IDLE_TIMEOUT_PRESETS,
  durationMs,
  grantsRememberMe,
  idleTimeoutMs,
  lifetimeMs,
  parsePolicy,
  policyErrors,
} from './policy.js';

const fields = (input: unknown) => policyErrors(input).map((e) => e.field);
/** The field `parsePolicy` names when it refuses input, which it may give in the older whole days. */
const parsedField = (input: unknown): string | null => {
  try {
    parsePolicy(input);
    return null;
  } catch (error) {
    return (error as { field: string }).field;
  }
};

describe('policy', () => {
  it('names the policy itself when a setting has no name', () => {
    expect(policyErrors({ '': 1 })).toEqual([{ field: 'policy', message: 'a policy setting needs a name' }]);
  });

  it('turns units into milliseconds', () => {
    expect(durationMs(30, 'minutes')).toBe(30 * MINUTE);
    expect(durationMs(2, 'hours')).toBe(2 * HOUR);
    expect(durationMs(7, 'days')).toBe(7 * DAY);
  });

  it('offers the presets 1 day, 7 days, 30 days and never', () => {
    expect(IDLE_TIMEOUT_PRESETS.map((p) => p.label)).toEqual(['1 day', '7 days', '30 days', 'Never']);
  });

  it('has an idle timeout only when enabled', () => {
    expect(idleTimeoutMs(DEFAULT_POLICY)).toBe(7 * DAY);
    expect(idleTimeoutMs(parsePolicy({ idleTimeout: { enabled: false } }))).toBeNull();
  });

  it('gives remembered sessions the remembered lifetime and all others the standard lifetime', () => {
    const policy = parsePolicy({
      rememberMe: {
        allowed: true,
        rememberedLifetime: { value: 30, unit: 'days' },
        standardLifetime: { value: 8, unit: 'hours' },
      },
    });
    expect(lifetimeMs(policy, true)).toBe(30 * DAY);
    expect(lifetimeMs(policy, false)).toBe(8 * HOUR);
    const off = parsePolicy({ rememberMe: { allowed: false } });
    expect(lifetimeMs(off, true)).toBe(DAY);
    expect(grantsRememberMe(off, true)).toBe(false);
    expect(grantsRememberMe(policy, true)).toBe(true);
    expect(grantsRememberMe(policy, false)).toBe(false);
  });

  it('merges a partial update onto the base policy', () => {
    const policy = parsePolicy({ concurrentSessions: { enabled: true, max: 3 } });
    expect(policy.concurrentSessions).toEqual({ enabled: true, max: 3, onExceed: 'evict_oldest' });
    expect(policy.idleTimeout).toEqual(DEFAULT_POLICY.idleTimeout);
  });

  it('accepts the full valid policy unchanged', () => {
    expect(policyErrors(DEFAULT_POLICY)).toEqual([]);
    expect(parsePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it('names the field of every bad value', () => {
    expect(fields(null)).toEqual(['policy']);
    expect(fields([])).toEqual(['policy']);
    expect(fields({ idleTimeout: { unit: 'weeks' } })).toEqual(['idleTimeout.unit']);
    expect(fields({ idleTimeout: { value: -1 } })).toEqual(['idleTimeout.value']);
    expect(fields({ idleTimeout: { value: 1.5 } })).toEqual(['idleTimeout.value']);
    expect(fields({ idleTimeout: { value: 400, unit: 'days' } })).toEqual(['idleTimeout.value']);
    expect(fields({ idleTimeout: { enabled: 'yes' } })).toEqual(['idleTimeout.enabled']);
    expect(fields({ concurrentSessions: { max: 0 } })).toEqual(['concurrentSessions.max']);
    expect(fields({ concurrentSessions: { max: '2' } })).toEqual(['concurrentSessions.max']);
    expect(fields({ concurrentSessions: { max: 1e9 } })).toEqual(['concurrentSessions.max']);
    expect(fields({ concurrentSessions: { onExceed: 'panic' } })).toEqual(['concurrentSessions.onExceed']);
    expect(parsedField({ rememberMe: { rememberedDays: 1, standardDays: 5 } })).toBe(
      'rememberMe.rememberedLifetime',
    );
    expect(parsedField({ rememberMe: { standardDays: -3 } })).toBe('rememberMe.standardDays');
    expect(parsedField({ rememberMe: { standardDays: '2' } })).toBe('rememberMe.standardDays');
    expect(fields({ rememberMe: { standardLifetime: 8 } })).toEqual(['rememberMe.standardLifetime']);
    expect(fields({ rememberMe: { standardLifetime: { value: 8 } } })).toEqual([
      'rememberMe.standardLifetime.unit',
    ]);
    expect(fields({ rememberMe: { standardLifetime: { value: 0, unit: 'hours' } } })).toEqual([
      'rememberMe.standardLifetime.value',
    ]);
    expect(fields({ rememberMe: { standardLifetime: { value: 2.5, unit: 'hours' } } })).toEqual([
      'rememberMe.standardLifetime.value',
    ]);
    expect(fields({ rememberMe: { rememberedLifetime: { value: 1, unit: 'weeks' } } })).toEqual([
      'rememberMe.rememberedLifetime.unit',
    ]);
    expect(fields({ rememberMe: { standardLifetime: { value: 8, unit: 'hours', $gt: 1 } } })).toEqual([
      'rememberMe.standardLifetime.$gt',
    ]);
    expect(fields({ retention: { endedSessionDays: -1 } })).toEqual(['retention.endedSessionDays']);
    expect(fields({ retention: 5 })).toEqual(['retention']);
    expect(fields({ colour: 'blue' })).toEqual(['colour']);
    expect(fields({ idleTimeout: { value: { $gt: 0 } } })).toEqual(['idleTimeout.value']);
    expect(fields({ idleTimeout: { $set: 1 } })).toEqual(['idleTimeout.$set']);
  });

  it('refuses the names every object inherits (__proto__, constructor, toString) as settings', () => {
    // JSON.parse makes `__proto__` an own key, as a request body would carry it.
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const input = JSON.parse(`{"${key}": {"polluted": true}}`);
      expect(fields(input), key).toEqual([key]);
      expect(() => parsePolicy(input), key).toThrow(`${key} is not a policy setting`);
      const nested = JSON.parse(`{"idleTimeout": {"${key}": 1}}`);
      expect(fields(nested), key).toEqual([`idleTimeout.${key}`]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds a lifetime between 5 minutes and 3650 days, whatever its unit', () => {
    const lifetime = (value: number, unit: string) => ({ rememberMe: { standardLifetime: { value, unit } } });
    expect(fields(lifetime(5, 'minutes'))).toEqual([]);
    expect(fields(lifetime(4, 'minutes'))).toEqual(['rememberMe.standardLifetime']);
    expect(policyErrors(lifetime(4, 'minutes'))[0]?.message).toBe(
      'rememberMe.standardLifetime must be between 5 minutes and 3650 days',
    );
    expect(fields(lifetime(8, 'hours'))).toEqual([]);
    expect(fields({ rememberMe: { rememberedLifetime: { value: 3650 * 24 + 1, unit: 'hours' } } })).toEqual([
      'rememberMe.rememberedLifetime',
    ]);
  });

  it('compares the remembered lifetime with the standard one across units', () => {
    const rememberMe = (remembered: [number, string], standard: [number, string]) => ({
      rememberMe: {
        allowed: true,
        rememberedLifetime: { value: remembered[0], unit: remembered[1] },
        standardLifetime: { value: standard[0], unit: standard[1] },
      },
    });
    expect(fields(rememberMe([1, 'days'], [8, 'hours']))).toEqual([]);
    expect(fields(rememberMe([8, 'hours'], [1, 'days']))).toEqual(['rememberMe.rememberedLifetime']);
  });

  it('reads the older whole-day fields as lifetimes in days', () => {
    const policy = parsePolicy({ rememberMe: { rememberedDays: 60, standardDays: 2 } });
    expect(policy.rememberMe).toEqual({
      allowed: true,
      rememberedLifetime: { value: 60, unit: 'days' },
      standardLifetime: { value: 2, unit: 'days' },
    });
    expect(policy.rememberMe).not.toHaveProperty('standardDays');
  });

  it('refuses an older whole-day field beside the lifetime it stands for', () => {
    const input = { rememberMe: { standardDays: 2, standardLifetime: { value: 8, unit: 'hours' } } };
    expect(parsedField(input)).toBe('rememberMe.standardDays');
    expect(() => parsePolicy(input)).toThrow(
      "rememberMe.standardDays can't be set with rememberMe.standardLifetime, its newer form",
    );
  });

  it("lists problems in today's form only, as a form produces it: older fields are not settings there", () => {
    expect(fields({ rememberMe: { standardDays: 2 } })).toEqual(['rememberMe.standardDays']);
    expect(policyErrors({ rememberMe: { standardDays: 2 } })[0]?.message).toBe(
      'rememberMe.standardDays is not a policy setting',
    );
  });

  it('never shares a lifetime object with its input', () => {
    const standardLifetime = { value: 8, unit: 'hours' as const };
    const policy = parsePolicy({ rememberMe: { standardLifetime } });
    standardLifetime.value = 9;
    expect(policy.rememberMe.standardLifetime.value).toBe(8);
  });

  it('allows remembered days below standard days when remember me is off', () => {
    expect(parsedField({ rememberMe: { allowed: false, rememberedDays: 1, standardDays: 5 } })).toBeNull();
  });

  it('says what is wrong in words', () => {
    expect(policyErrors({ idleTimeout: { unit: 'weeks' } })[0]?.message).toBe(
      'idleTimeout.unit must be minutes, hours or days',
    );
    expect(() => parsePolicy({ concurrentSessions: { max: 0 } })).toThrow(
      'concurrentSessions.max must be between 1 and 1000',
    );
  });

  it('never changes the base it merges onto', () => {
    const base = structuredClone(DEFAULT_POLICY);
    parsePolicy({ idleTimeout: { value: 3 } }, base);
    expect(base).toEqual(DEFAULT_POLICY);
  });
});
