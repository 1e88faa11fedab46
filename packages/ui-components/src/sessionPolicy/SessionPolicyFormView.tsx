import {
  DEFAULT_POLICY,
  IDLE_TIMEOUT_PRESETS,
  POLICY_LIMITS,
  TIME_UNITS,
  policyErrors,
  type FieldError,
  type SessionPolicy,
  type TimeUnit,
} from '@sessionkit/core/browser';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { QueryState } from '../internal/QueryState.js';
import { useText, type Text } from '../internal/useText.js';
import { fromDraft, toDraft, type IdleChoice, type PolicyDraft } from './policyDraft.js';

export interface SessionPolicyFormViewProps {
  policy: SessionPolicy | null;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  /** Saves the policy; a rejection carrying `field` puts its message under that field. */
  onSave?: (policy: SessionPolicy) => Promise<unknown>;
  /** False shows the settings read-only. */
  canEdit?: boolean;
  className?: string;
}

type FieldKey =
  | 'concurrentSessions.max'
  | 'concurrentSessions.onExceed'
  | 'idleTimeout.value'
  | 'idleTimeout.unit'
  | 'rememberMe.rememberedDays'
  | 'rememberMe.standardDays';

function fieldLabels(t: Text): Record<string, string> {
  return {
    'concurrentSessions.max': t('policy.maxSessions', 'Maximum sessions per user'),
    'concurrentSessions.onExceed': t('policy.onExceed', 'When a user goes over the limit'),
    'concurrentSessions.enabled': t('policy.limitSessions', 'Limit concurrent sessions'),
    'idleTimeout.value': t('policy.idleCustomValue', 'Idle timeout'),
    'idleTimeout.unit': t('policy.idleUnit', 'Unit'),
    'idleTimeout.enabled': t('policy.idleEnabled', 'Sign out inactive sessions'),
    idleTimeout: t('policy.idleCustomValue', 'Idle timeout'),
    'rememberMe.rememberedDays': t('policy.rememberedDays', 'Remembered sessions last'),
    'rememberMe.standardDays': t('policy.standardDays', 'Other sessions expire after'),
    'rememberMe.allowed': t('policy.rememberAllowed', 'Allow “Remember me”'),
  };
}

/** Core's messages name fields by path ("rememberMe.standardDays"); people read the label they see instead. */
function humanize(error: FieldError, labels: Record<string, string>, t: Text): string {
  const paths = Object.keys(labels).sort((a, b) => b.length - a.length);
  let text = error.message;
  for (const path of paths) text = text.split(path).join(`“${labels[path]}”`);
  return t(`policy.error.${error.field}`, text);
}

function Switch({
  id,
  checked,
  onChange,
  label,
  hint,
  disabled,
}: {
  id: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  label: string;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <div className="sk-switch-row">
      <div className="sk-switch-row__text">
        <label htmlFor={id} className="sk-field__label">
          {label}
        </label>
        {hint && (
          <p className="sk-field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="sk-switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
    </div>
  );
}

function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  suffix,
  disabled,
  min,
  max,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  suffix?: ReactNode;
  disabled?: boolean;
  min?: number;
  max?: number;
}) {
  return (
    <div className={cx('sk-field', error && 'sk-field--invalid')}>
      <label htmlFor={id} className="sk-field__label">
        {label}
      </label>
      <div className="sk-input-group">
        <input
          id={id}
          className="sk-input sk-input--number"
          type="number"
          inputMode="numeric"
          step={1}
          min={min}
          max={max}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {suffix && <span className="sk-input-group__suffix">{suffix}</span>}
      </div>
      {error && (
        <p id={`${id}-error`} className="sk-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The account's session rules as a form with inline validation by core's own `policyErrors`. */
export function SessionPolicyFormView({
  policy,
  loading = false,
  error,
  onRetry,
  onSave,
  canEdit = true,
  className,
}: SessionPolicyFormViewProps) {
  const t = useText();
  const id = useId();
  const labels = useMemo(() => fieldLabels(t), [t]);
  const base = policy ?? DEFAULT_POLICY;
  const [draft, setDraft] = useState<PolicyDraft>(() => toDraft(base));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (policy) setDraft(toDraft(policy));
  }, [policy]);

  const candidate = fromDraft(draft, base);
  const localErrors = policyErrors(candidate, base);
  const errors = submitted ? [...localErrors, ...serverErrors] : serverErrors;
  const errorFor = (field: FieldKey): string | undefined => {
    const found = errors.find(
      (e) => e.field === field || (field === 'idleTimeout.value' && e.field === 'idleTimeout'),
    );
    return found ? humanize(found, labels, t) : undefined;
  };
  const dirty = JSON.stringify(candidate) !== JSON.stringify(base);

  const update = (patch: Partial<PolicyDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors([]);
    setStatus('');
  };

  const chooseIdle = (choice: IdleChoice) => {
    if (choice === 'never') return update({ idleChoice: choice, idleEnabled: false });
    if (choice === 'custom') return update({ idleChoice: choice, idleEnabled: true });
    update({ idleChoice: choice, idleEnabled: true, idleValue: choice, idleUnit: 'days' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (localErrors.length > 0) {
      setStatus('');
      summaryRef.current?.focus();
      return;
    }
    if (!onSave) return;
    setSaving(true);
    try {
      await onSave(candidate);
      setSubmitted(false);
      setStatus(t('policy.saved', 'Session settings saved'));
    } catch (err) {
      const e = err as { field?: string; message?: string };
      setServerErrors([
        {
          field: e.field ?? 'policy',
          message: e.message || t('common.actionFailed', 'That did not work. Try again.'),
        },
      ]);
    } finally {
      setSaving(false);
    }
  };

  const unitLabel = (unit: TimeUnit) =>
    ({
      minutes: t('policy.unit.minutes', 'minutes'),
      hours: t('policy.unit.hours', 'hours'),
      days: t('policy.unit.days', 'days'),
    })[unit];
  const presetLabel = (value: number | null) =>
    value === null
      ? t('policy.preset.never', 'Never')
      : value === 1
        ? t('policy.preset.day', '1 day')
        : t('policy.preset.days', '{{count}} days', { count: value });

  const readOnly = !canEdit;
  const generalError = errors.find((e) => !labels[e.field] && e.field !== 'idleTimeout');

  return (
    <section className={cx('sk-root sk-card sk-policy', className)} aria-labelledby={`${id}-title`}>
      <CardHeader
        titleId={`${id}-title`}
        title={t('policy.title', 'Session settings')}
        subtitle={t(
          'policy.subtitle',
          'Rules for every session on this account. Changes apply to existing sessions at their next request.',
        )}
      />
      <QueryState
        loading={loading}
        error={error}
        empty={false}
        emptyTitle=""
        onRetry={onRetry}
        skeletonRows={4}
      >
        <form
          className="sk-form"
          onSubmit={submit}
          noValidate
          aria-describedby={readOnly ? `${id}-readonly` : undefined}
        >
          {readOnly && (
            <p id={`${id}-readonly`} className="sk-alert sk-alert--info">
              {t('policy.readOnly', 'Only administrators can change these settings.')}
            </p>
          )}
          <div ref={summaryRef} tabIndex={-1} className="sk-form__summary" aria-live="assertive">
            {submitted && localErrors.length > 0 && (
              <p className="sk-alert sk-alert--error">
                {t('policy.fixErrors', 'Fix the highlighted settings before saving: {{fields}}.', {
                  fields: [...new Set(localErrors.map((e) => labels[e.field] ?? e.field))].join(', '),
                })}
              </p>
            )}
            {generalError && <p className="sk-alert sk-alert--error">{generalError.message}</p>}
          </div>
          <fieldset className="sk-fieldset" disabled={readOnly}>
            <legend className="sk-fieldset__legend">
              {t('policy.concurrentTitle', 'Concurrent sessions')}
            </legend>
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
            <div
              role="radiogroup"
              aria-labelledby={`${id}-idle-after`}
              className="sk-field sk-fieldset__body"
            >
              <span id={`${id}-idle-after`} className="sk-field__label">
                {t('policy.idleAfter', 'Sign out inactive sessions after')}
              </span>
              <div className="sk-segmented">
                {IDLE_TIMEOUT_PRESETS.map((preset) => {
                  const value: IdleChoice =
                    preset.value === null ? 'never' : (String(preset.value) as IdleChoice);
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
                  <select
                    id={`${id}-idle-unit`}
                    className="sk-input sk-select"
                    value={draft.idleUnit}
                    onChange={(event) => update({ idleUnit: event.target.value as TimeUnit })}
                  >
                    {TIME_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {unitLabel(unit)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            )}
          </fieldset>

          <fieldset className="sk-fieldset" disabled={readOnly}>
            <legend className="sk-fieldset__legend">{t('policy.rememberTitle', 'Remember me')}</legend>
            <Switch
              id={`${id}-remember`}
              checked={draft.rememberAllowed}
              onChange={(v) => update({ rememberAllowed: v })}
              label={labels['rememberMe.allowed']!}
              hint={t(
                'policy.rememberHint',
                'People who tick “Remember me” at sign-in stay signed in for longer.',
              )}
            />
            <div className="sk-fieldset__body sk-inline-fields">
              {draft.rememberAllowed && (
                <NumberField
                  id={`${id}-remembered`}
                  label={labels['rememberMe.rememberedDays']!}
                  value={draft.rememberedDays}
                  onChange={(v) => update({ rememberedDays: v })}
                  error={errorFor('rememberMe.rememberedDays')}
                  suffix={unitLabel('days')}
                  min={1}
                />
              )}
              <NumberField
                id={`${id}-standard`}
                label={
                  draft.rememberAllowed
                    ? labels['rememberMe.standardDays']!
                    : t('policy.allExpire', 'Sessions expire after')
                }
                value={draft.standardDays}
                onChange={(v) => update({ standardDays: v })}
                error={errorFor('rememberMe.standardDays')}
                suffix={unitLabel('days')}
                min={1}
              />
            </div>
          </fieldset>

          {!readOnly && (
            <div className="sk-form__actions">
              <p className="sk-form__status" role="status">
                {status}
              </p>
              <button
                type="button"
                className="sk-button"
                disabled={!dirty || saving}
                onClick={() => {
                  setDraft(toDraft(base));
                  setSubmitted(false);
                  setServerErrors([]);
                }}
              >
                {t('common.reset', 'Reset')}
              </button>
              <button
                type="submit"
                className="sk-button sk-button--primary"
                disabled={saving}
                aria-busy={saving || undefined}
              >
                {saving ? t('common.saving', 'Saving…') : t('common.save', 'Save changes')}
              </button>
            </div>
          )}
        </form>
      </QueryState>
    </section>
  );
}
