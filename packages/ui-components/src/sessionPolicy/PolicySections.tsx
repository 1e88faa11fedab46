import { IDLE_TIMEOUT_PRESETS, POLICY_LIMITS } from '@sessionkit/core/browser';
import { usePlural, useText } from '../internal/useText.js';
import { NumberField, Switch, UnitSelect } from './formControls.js';
import { durationText, lifetimeUnitLabel, type FieldKey } from './policyLabels.js';
import type { IdleChoice, PolicyDraft } from './policyDraft.js';

// The policy form's three sections, one per rule: each edits its part of the draft and shows its errors.

export interface PolicySectionProps {
  /** The form's id, the prefix of every control's id. */
  id: string;
  draft: PolicyDraft;
  update: (patch: Partial<PolicyDraft>) => void;
  labels: Record<string, string>;
  errorFor: (field: FieldKey) => string | undefined;
  readOnly: boolean;
}

/** The concurrent limit: on or off, how many, and what a sign-in over it does. */
export function ConcurrentSessionsSection({
  id,
  draft,
  update,
  labels,
  errorFor,
  readOnly,
}: PolicySectionProps) {
  const t = useText();
  return (
    <fieldset className="sk-fieldset" disabled={readOnly}>
      <legend className="sk-fieldset__legend">{t('policy.concurrentTitle', 'Concurrent sessions')}</legend>
      <Switch
        id={`${id}-concurrent`}
        checked={draft.concurrentEnabled}
        onChange={(v) => update({ concurrentEnabled: v })}
        label={labels['concurrentSessions.enabled']!}
        hint={t('policy.concurrentHint', 'When off, a user can be signed in on any number of devices.')}
      />
      {draft.concurrentEnabled && (
        <div className="sk-fieldset__body">
          <NumberField
            id={`${id}-max`}
            label={labels['concurrentSessions.max']!}
            value={draft.concurrentMax}
            onChange={(v) => update({ concurrentMax: v })}
            error={errorFor('concurrentSessions.max')}
            min={1}
            max={POLICY_LIMITS.maxConcurrent}
          />
          <div role="radiogroup" aria-labelledby={`${id}-exceed-label`} className="sk-field">
            <span id={`${id}-exceed-label`} className="sk-field__label">
              {labels['concurrentSessions.onExceed']}
            </span>
            {(
              [
                ['evict_oldest', t('policy.evictOldest', 'Sign out their oldest session')],
                ['deny_new', t('policy.denyNew', 'Refuse the new sign-in')],
              ] as const
            ).map(([value, text]) => (
              <label key={value} className="sk-radio">
                <input
                  type="radio"
                  name={`${id}-exceed`}
                  value={value}
                  checked={draft.onExceed === value}
                  onChange={() => update({ onExceed: value })}
                />
                <span>{text}</span>
              </label>
            ))}
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** The idle timeout: a preset, never, or a custom value and unit. */
export function IdleTimeoutSection({ id, draft, update, labels, errorFor, readOnly }: PolicySectionProps) {
  const t = useText();
  const p = usePlural();
  const chooseIdle = (choice: IdleChoice) => {
    if (choice === 'never') return update({ idleChoice: choice, idleEnabled: false });
    if (choice === 'custom') return update({ idleChoice: choice, idleEnabled: true });
    update({ idleChoice: choice, idleEnabled: true, idleValue: choice, idleUnit: 'days' });
  };
  const presetLabel = (value: number | null) =>
    value === null
      ? t('policy.preset.never', 'Never (not recommended)')
      : durationText({ value, unit: 'days' }, p);

  return (
    <fieldset className="sk-fieldset" disabled={readOnly}>
      <legend className="sk-fieldset__legend">{t('policy.idleTitle', 'Idle timeout')}</legend>
      <Switch
        id={`${id}-idle`}
        checked={draft.idleEnabled}
        onChange={(v) =>
          v ? chooseIdle(draft.idleChoice === 'never' ? '7' : draft.idleChoice) : chooseIdle('never')
        }
        label={labels['idleTimeout.enabled']!}
        hint={t('policy.idleHint', 'A session nobody has used for this long ends on its own.')}
      />
      <div role="radiogroup" aria-labelledby={`${id}-idle-after`} className="sk-field sk-fieldset__body">
        <span id={`${id}-idle-after`} className="sk-field__label">
          {t('policy.idleAfter', 'Sign out inactive sessions after')}
        </span>
        <div className="sk-segmented">
          {IDLE_TIMEOUT_PRESETS.map((preset) => {
            const value: IdleChoice = preset.value === null ? 'never' : (String(preset.value) as IdleChoice);
            return (
              <label key={value} className="sk-segmented__option">
                <input
                  type="radio"
                  name={`${id}-idle-choice`}
                  value={value}
                  checked={draft.idleChoice === value}
                  onChange={() => chooseIdle(value)}
                />
                <span>{presetLabel(preset.value)}</span>
              </label>
            );
          })}
          <label className="sk-segmented__option">
            <input
              type="radio"
              name={`${id}-idle-choice`}
              value="custom"
              checked={draft.idleChoice === 'custom'}
              onChange={() => chooseIdle('custom')}
            />
            <span>{t('policy.preset.custom', 'Custom')}</span>
          </label>
        </div>
      </div>
      {draft.idleChoice === 'custom' && (
        <div className="sk-fieldset__body sk-inline-fields">
          <NumberField
            id={`${id}-idle-value`}
            label={labels['idleTimeout.value']!}
            value={draft.idleValue}
            onChange={(v) => update({ idleValue: v })}
            error={errorFor('idleTimeout.value')}
            min={1}
          />
          <div className="sk-field">
            <label htmlFor={`${id}-idle-unit`} className="sk-field__label">
              {labels['idleTimeout.unit']}
            </label>
            <UnitSelect
              id={`${id}-idle-unit`}
              value={draft.idleUnit}
              onChange={(unit) => update({ idleUnit: unit })}
            />
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** "Remember me": allowed or not, and how long remembered and other sessions last. */
export function RememberMeSection({ id, draft, update, labels, errorFor, readOnly }: PolicySectionProps) {
  const t = useText();
  const standardLabel = draft.rememberAllowed
    ? labels['rememberMe.standardLifetime']!
    : t('policy.allExpire', 'Sessions expire after');
  return (
    <fieldset className="sk-fieldset" disabled={readOnly}>
      <legend className="sk-fieldset__legend">{t('policy.rememberTitle', 'Remember me')}</legend>
      <Switch
        id={`${id}-remember`}
        checked={draft.rememberAllowed}
        onChange={(v) => update({ rememberAllowed: v })}
        label={labels['rememberMe.allowed']!}
        hint={t('policy.rememberHint', 'People who tick “Remember me” at sign-in stay signed in for longer.')}
      />
      <div className="sk-fieldset__body sk-inline-fields">
        {draft.rememberAllowed && (
          <NumberField
            id={`${id}-remembered`}
            label={labels['rememberMe.rememberedLifetime']!}
            value={draft.rememberedValue}
            onChange={(v) => update({ rememberedValue: v })}
            unit={{
              value: draft.rememberedUnit,
              onChange: (u) => update({ rememberedUnit: u }),
              label: labels['rememberMe.rememberedLifetime.unit']!,
            }}
            error={errorFor('rememberMe.rememberedLifetime')}
            min={1}
          />
        )}
        <NumberField
          id={`${id}-standard`}
          label={standardLabel}
          value={draft.standardValue}
          onChange={(v) => update({ standardValue: v })}
          unit={{
            value: draft.standardUnit,
            onChange: (u) => update({ standardUnit: u }),
            label: lifetimeUnitLabel(standardLabel, t),
          }}
          error={errorFor('rememberMe.standardLifetime')}
          min={1}
        />
      </div>
    </fieldset>
  );
}
