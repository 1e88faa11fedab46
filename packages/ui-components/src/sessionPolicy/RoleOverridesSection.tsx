import type { FieldError, SessionPolicy, TimeUnit } from '@sessionkit/core/browser';
import { useState, type ReactNode } from 'react';
import { cx } from '../internal/className.js';
import { usePlural, useText } from '../internal/useText.js';
import { UnitSelect } from './formControls.js';
import { errorBelongsTo, lifetimeUnitLabel } from './policyLabels.js';
import {
  ROLE_FIELDS,
  accountValue,
  accountValueText,
  onExceedText,
  type RoleDraft,
  type RoleFieldKey,
  type RoleFieldValue,
} from './roleOverrides.js';

export interface RoleOverridesSectionProps {
  /** The form's id, the prefix of every control's id. */
  id: string;
  drafts: readonly RoleDraft[];
  onChange: (drafts: RoleDraft[]) => void;
  /** The account policy as the form stands: what fields a role doesn't override inherit. */
  account: SessionPolicy;
  labels: Record<string, string>;
  /** Errors whose field starts with `roles`. */
  errors: readonly FieldError[];
  explain: (error: FieldError) => string;
  readOnly: boolean;
}

/**
 * The account policy's overrides per role: add a role, override some of its fields (the others say what they
 * inherit from the account), remove it. A person with several overridden roles gets the strictest value of each.
 */
export function RoleOverridesSection({
  id,
  drafts,
  onChange,
  account,
  labels,
  errors,
  explain,
  readOnly,
}: RoleOverridesSectionProps) {
  const t = useText();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState('');

  const add = () => {
    const role = name.trim();
    if (role === '') return setNameError(t('policy.roles.nameMissing', 'Enter the name of a role'));
    if (drafts.some((d) => d.role === role))
      return setNameError(t('policy.roles.nameTaken', '{{role}} already has an override', { role }));
    onChange([...drafts, { role, fields: {}, idleUnit: account.idleTimeout.unit }]);
    setName('');
    setNameError('');
  };
  const replace = (index: number, draft: RoleDraft) =>
    onChange(drafts.map((d, i) => (i === index ? draft : d)));
  const topLevel = errors.filter((e) => !drafts.some((d) => e.field.startsWith(`roles.${d.role}`)));

  return (
    <fieldset className="sk-fieldset sk-roles" disabled={readOnly}>
      <legend className="sk-fieldset__legend">{t('policy.roles.title', 'Role overrides')}</legend>
      <p className="sk-field__hint">
        {t(
          'policy.roles.hint',
          'People with these roles live under the changed values; everything else comes from the account policy above. Someone with several of these roles gets the strictest value of each rule.',
        )}
      </p>
      {topLevel.map((e) => (
        <p key={e.field + e.message} className="sk-field__error">
          {explain(e)}
        </p>
      ))}
      {drafts.length === 0 && (
        <p className="sk-roles__empty">{t('policy.roles.none', 'No role has its own rules.')}</p>
      )}
      {drafts.map((draft, index) => (
        <RoleOverride
          key={draft.role}
          id={`${id}-role-${index}`}
          draft={draft}
          onChange={(next) => replace(index, next)}
          onRemove={() => onChange(drafts.filter((_, i) => i !== index))}
          account={account}
          labels={labels}
          errors={errors.filter(
            (e) => e.field === `roles.${draft.role}` || e.field.startsWith(`roles.${draft.role}.`),
          )}
          explain={explain}
          readOnly={readOnly}
        />
      ))}
      {!readOnly && (
        <div className="sk-roles__add">
          <div className={cx('sk-field', nameError && 'sk-field--invalid')}>
            <label htmlFor={`${id}-role-name`} className="sk-field__label">
              {t('policy.roles.name', 'Role')}
            </label>
            <input
              id={`${id}-role-name`}
              className="sk-input"
              value={name}
              maxLength={64}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${id}-role-name-error` : undefined}
              onChange={(event) => {
                setName(event.target.value);
                setNameError('');
              }}
              onKeyDown={(event) => {
                // Enter adds the role rather than submitting the whole form.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
            {nameError && (
              <p id={`${id}-role-name-error`} className="sk-field__error">
                {nameError}
              </p>
            )}
          </div>
          <button type="button" className="sk-button" onClick={add}>
            {t('policy.roles.add', 'Add role override')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

function RoleOverride({
  id,
  draft,
  onChange,
  onRemove,
  account,
  labels,
  errors,
  explain,
  readOnly,
}: {
  id: string;
  draft: RoleDraft;
  onChange: (draft: RoleDraft) => void;
  onRemove: () => void;
  account: SessionPolicy;
  labels: Record<string, string>;
  errors: readonly FieldError[];
  explain: (error: FieldError) => string;
  readOnly: boolean;
}) {
  const t = useText();
  const p = usePlural();
  const prefix = `roles.${draft.role}.`;
  const fieldOf = (e: FieldError): RoleFieldKey | null => {
    const path = e.field.slice(prefix.length);
    return ROLE_FIELDS.find((key) => errorBelongsTo(path, key)) ?? null;
  };
  const general = errors.filter((e) => !e.field.startsWith(prefix) || fieldOf(e) === null);
  const errorFor = (key: RoleFieldKey) => {
    const found = errors.find((e) => e.field.startsWith(prefix) && fieldOf(e) === key);
    return found ? explain(found) : undefined;
  };
  const set = (key: RoleFieldKey, value: RoleFieldValue | undefined) => {
    const fields = { ...draft.fields };
    if (value === undefined) delete fields[key];
    else fields[key] = value;
    onChange({ ...draft, fields });
  };

  return (
    <fieldset className="sk-role">
      <legend className="sk-role__name">{draft.role}</legend>
      {!readOnly && (
        <button
          type="button"
          className="sk-button sk-button--ghost-danger sk-role__remove"
          aria-label={t('policy.roles.removeLabel', 'Remove the override for {{role}}', { role: draft.role })}
          onClick={onRemove}
        >
          {t('policy.roles.remove', 'Remove')}
        </button>
      )}
      {general.map((e) => (
        <p key={e.field + e.message} className="sk-field__error">
          {explain(e)}
        </p>
      ))}
      <ul className="sk-role__fields">
        {ROLE_FIELDS.map((key) => {
          const fieldId = `${id}-${key.replace('.', '-')}`;
          const value = draft.fields[key];
          const overridden = value !== undefined;
          const error = errorFor(key);
          return (
            <li key={key} className={cx('sk-role__field', error && 'sk-field--invalid')}>
              <span id={`${fieldId}-label`} className="sk-field__label">
                {labels[key] ?? key}
              </span>
              <label className="sk-checkbox">
                <input
                  type="checkbox"
                  checked={overridden}
                  aria-labelledby={`${fieldId}-override ${fieldId}-label`}
                  onChange={(event) =>
                    set(key, event.target.checked ? accountValue(account, key) : undefined)
                  }
                />
                <span id={`${fieldId}-override`}>{t('policy.roles.override', 'Override')}</span>
              </label>
              {overridden ? (
                <FieldControl
                  id={fieldId}
                  field={key}
                  label={labels[key] ?? key}
                  value={value}
                  unit={draft.idleUnit}
                  onValue={(v) => set(key, v)}
                  onUnit={(unit) => onChange({ ...draft, idleUnit: unit })}
                  error={error}
                />
              ) : (
                <p className="sk-field__hint sk-role__inherits">
                  {t('policy.roles.inherits', 'Inherits account: {{value}}', {
                    value: accountValueText(account, key, t, p),
                  })}
                </p>
              )}
              {error && (
                <p id={`${fieldId}-error`} className="sk-field__error">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function FieldControl({
  id,
  field,
  label,
  value,
  unit,
  onValue,
  onUnit,
  error,
}: {
  id: string;
  field: RoleFieldKey;
  /** The field's label, which names a lifetime's unit too. */
  label: string;
  value: RoleFieldValue;
  unit: TimeUnit;
  onValue: (value: RoleFieldValue) => void;
  onUnit: (unit: TimeUnit) => void;
  error: string | undefined;
}): ReactNode {
  const t = useText();
  const described = {
    'aria-labelledby': `${id}-label`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  if (typeof value === 'boolean')
    return (
      <input
        type="checkbox"
        role="switch"
        className="sk-switch"
        checked={value}
        onChange={(event) => onValue(event.target.checked)}
        {...described}
      />
    );
  // A lifetime carries its unit in its value; the idle timeout's unit is kept beside the role's fields.
  const lifetime = typeof value === 'object' ? value : null;
  const text = typeof value === 'string' ? value : '';
  if (field === 'concurrentSessions.onExceed')
    return (
      <select
        className="sk-input sk-select"
        value={text}
        onChange={(e) => onValue(e.target.value)}
        {...described}
      >
        {(['evict_oldest', 'deny_new'] as const).map((v) => (
          <option key={v} value={v}>
            {onExceedText(v, t)}
          </option>
        ))}
      </select>
    );
  return (
    <div className="sk-input-group">
      <input
        type="number"
        inputMode="numeric"
        className="sk-input sk-input--number"
        step={1}
        min={1}
        value={lifetime ? lifetime.value : text}
        onChange={(event) =>
          onValue(lifetime ? { ...lifetime, value: event.target.value } : event.target.value)
        }
        {...described}
      />
      {lifetime && (
        <UnitSelect
          value={lifetime.unit}
          onChange={(u) => onValue({ ...lifetime, unit: u })}
          label={lifetimeUnitLabel(label, t)}
        />
      )}
      {field === 'idleTimeout.value' && (
        <UnitSelect value={unit} onChange={onUnit} label={t('policy.idleUnit', 'Unit')} />
      )}
    </div>
  );
}
