import { TIME_UNITS, type TimeUnit } from '@sessionkit/core/browser';
import type { ReactNode } from 'react';
import { cx } from '../internal/className.js';
import { useText } from '../internal/useText.js';
import { timeUnitLabel } from './policyLabels.js';

// The policy form's controls: a labelled switch with its hint, and a whole-number field with its error.

/** A setting that is on or off: label and hint on the left, the switch on the right. */
export function Switch({
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

/** A whole number as typed (so that "" and "2.5" can be explained), its error under it. */
export function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  suffix,
  unit,
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
  /** A duration's unit, picked beside its value (a lifetime of 8 hours). */
  unit?: { value: TimeUnit; onChange: (unit: TimeUnit) => void; label: string };
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
        {unit && <UnitSelect {...unit} disabled={disabled} />}
      </div>
      {error && (
        <p id={`${id}-error`} className="sk-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Minutes, hours or days: named by a `<label>` pointing at `id`, or by `label` where it sits beside a value
 * rather than under a label of its own.
 */
export function UnitSelect({
  id,
  value,
  onChange,
  label,
  disabled,
}: {
  id?: string;
  value: TimeUnit;
  onChange: (unit: TimeUnit) => void;
  label?: string;
  disabled?: boolean;
}) {
  const t = useText();
  return (
    <select
      id={id}
      className="sk-input sk-select"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as TimeUnit)}
    >
      {TIME_UNITS.map((u) => (
        <option key={u} value={u}>
          {timeUnitLabel(u, t)}
        </option>
      ))}
    </select>
  );
}
