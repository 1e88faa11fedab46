import { useId, useRef, useState, type RefObject } from 'react';
import { cx } from './className.js';

/** A reason's text and its error, as the dialogs that ask for one keep them. */
export interface Reason {
  value: string;
  error: string | null;
  field: RefObject<HTMLTextAreaElement | null>;
  change: (value: string) => void;
  reset: () => void;
  /** The trimmed text, or null after showing `message` and focusing the field when it is required and empty. */
  check: (required: boolean, message: string) => string | null;
}

export function useReason(): Reason {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  return {
    value,
    error,
    field,
    change: (next) => {
      setValue(next);
      // The error goes as soon as there is something to send.
      if (error && next.trim()) setError(null);
    },
    reset: () => {
      setValue('');
      setError(null);
    },
    check: (required, message) => {
      const trimmed = value.trim();
      if (required && !trimmed) {
        setError(message);
        field.current?.focus();
        return null;
      }
      return trimmed;
    },
  };
}

export interface ReasonFieldProps {
  reason: Reason;
  label: string;
  required: boolean;
  placeholder: string;
  maxLength?: number;
}

/** The reason's text area: focused first in its dialog, its error tied to it for screen readers. */
export function ReasonField({ reason, label, required, placeholder, maxLength }: ReasonFieldProps) {
  const id = useId();
  const errorId = useId();
  return (
    <div className={cx('sk-field', reason.error && 'sk-field--invalid')}>
      <label htmlFor={id} className="sk-field__label">
        {label}
        {required && (
          <span className="sk-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <textarea
        ref={reason.field}
        id={id}
        className="sk-input sk-textarea"
        rows={3}
        required={required}
        maxLength={maxLength}
        aria-invalid={reason.error ? true : undefined}
        aria-describedby={reason.error ? errorId : undefined}
        data-autofocus
        value={reason.value}
        placeholder={placeholder}
        onChange={(event) => reason.change(event.target.value)}
      />
      {reason.error && (
        <p id={errorId} className="sk-field__error">
          {reason.error}
        </p>
      )}
    </div>
  );
}
