import type { OnExceed, SessionPolicy, TimeUnit } from '@sessionkit/core/browser';

/** What the form edits: numbers as typed, so "" and "2.5" can be explained rather than coerced. */
export interface PolicyDraft {
  concurrentEnabled: boolean;
  concurrentMax: string;
  onExceed: OnExceed;
  idleEnabled: boolean;
  idleValue: string;
  idleUnit: TimeUnit;
  /** Which of the presets is picked; `custom` shows the value and unit fields. */
  idleChoice: IdleChoice;
  rememberAllowed: boolean;
  rememberedValue: string;
  rememberedUnit: TimeUnit;
  standardValue: string;
  standardUnit: TimeUnit;
}

export type IdleChoice = '1' | '7' | '30' | 'never' | 'custom';

export function idleChoiceOf(policy: SessionPolicy): IdleChoice {
  const { enabled, value, unit } = policy.idleTimeout;
  if (!enabled) return 'never';
  if (unit === 'days' && (value === 1 || value === 7 || value === 30)) return String(value) as IdleChoice;
  return 'custom';
}

export function toDraft(policy: SessionPolicy): PolicyDraft {
  return {
    concurrentEnabled: policy.concurrentSessions.enabled,
    concurrentMax: String(policy.concurrentSessions.max),
    onExceed: policy.concurrentSessions.onExceed,
    idleEnabled: policy.idleTimeout.enabled,
    idleValue: String(policy.idleTimeout.value),
    idleUnit: policy.idleTimeout.unit,
    idleChoice: idleChoiceOf(policy),
    rememberAllowed: policy.rememberMe.allowed,
    rememberedValue: String(policy.rememberMe.rememberedLifetime.value),
    rememberedUnit: policy.rememberMe.rememberedLifetime.unit,
    standardValue: String(policy.rememberMe.standardLifetime.value),
    standardUnit: policy.rememberMe.standardLifetime.unit,
  };
}

// Number("") is 0, which would read as a valid-looking zero; an empty field is "not a number" instead.
function asNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The policy the draft describes, on top of `base` for the settings the form doesn't show (retention). */
export function fromDraft(draft: PolicyDraft, base: SessionPolicy): SessionPolicy {
  return {
    concurrentSessions: {
      enabled: draft.concurrentEnabled,
      max: asNumber(draft.concurrentMax),
      onExceed: draft.onExceed,
    },
    idleTimeout: { enabled: draft.idleEnabled, value: asNumber(draft.idleValue), unit: draft.idleUnit },
    rememberMe: {
      allowed: draft.rememberAllowed,
      rememberedLifetime: { value: asNumber(draft.rememberedValue), unit: draft.rememberedUnit },
      standardLifetime: { value: asNumber(draft.standardValue), unit: draft.standardUnit },
    },
    retention: { ...base.retention },
  };
}
