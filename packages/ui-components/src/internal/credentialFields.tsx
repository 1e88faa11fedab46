import { cx } from './className.js';

interface NameFieldProps {
  /** The dialog's id stem; the field's ids derive from it. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field until `error` replaces it. */
  hint: string;
  /** Given when the name is missing: shown instead of the hint, and the field marked invalid. */
  error: string | null;
}

/** The name a new credential is listed under; it takes the dialog's first focus. */
export function NameField({ id, label, value, onChange, hint, error }: NameFieldProps) {
  return (
    <div className={cx('sk-field', error !== null && 'sk-field--invalid')}>
      <label htmlFor={`${id}-name`} className="sk-field__label">
        {label}
      </label>
      <input
        id={`${id}-name`}
        className="sk-input"
        data-autofocus
        maxLength={100}
        value={value}
        aria-invalid={error !== null || undefined}
        aria-describedby={error !== null ? `${id}-name-error` : `${id}-name-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      {error !== null ? (
        <p id={`${id}-name-error`} className="sk-field__error">
          {error}
        </p>
      ) : (
        <p id={`${id}-name-hint`} className="sk-field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface RightsFieldProps {
  id: string;
  legend: string;
  /** The names the server offers (scopes, rights), shown as they are. */
  options: readonly string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  /** Given when none is chosen. */
  error: string | null;
}

/** What a new credential may do: a checkbox for each name the server offers. */
export function RightsField({ id, legend, options, chosen, onChange, error }: RightsFieldProps) {
  return (
    <fieldset
      className={cx('sk-field', error !== null && 'sk-field--invalid')}
      aria-describedby={error !== null ? `${id}-rights-error` : undefined}
    >
      <legend className="sk-field__label">{legend}</legend>
      {options.map((option) => (
        <label key={option} className="sk-check">
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))
            }
          />
          <span className="sk-mono">{option}</span>
        </label>
      ))}
      {error !== null && (
        <p id={`${id}-rights-error`} className="sk-field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
