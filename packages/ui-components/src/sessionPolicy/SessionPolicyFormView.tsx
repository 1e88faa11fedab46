import {
  DEFAULT_POLICY,
  accountPolicyErrors,
  type FieldError,
  type SessionPolicy,
} from '@sessionkit/core/browser';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { QueryState } from '../internal/QueryState.js';
import { useText } from '../internal/useText.js';
import { ConcurrentSessionsSection, IdleTimeoutSection, RememberMeSection } from './PolicySections.js';
import { errorBelongsTo, fieldLabels, humanize, type FieldKey } from './policyLabels.js';
import { fromDraft, toDraft, type PolicyDraft } from './policyDraft.js';
import { RoleOverridesSection } from './RoleOverridesSection.js';
import { fromRoleDrafts, toRoleDrafts, type RoleDraft } from './roleOverrides.js';

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
  const [roleDrafts, setRoleDrafts] = useState<RoleDraft[]>(() => toRoleDrafts(base));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (policy) {
      setDraft(toDraft(policy));
      setRoleDrafts(toRoleDrafts(policy));
    }
  }, [policy]);

  // `roles` always goes with the policy: `{}` is how the last override is removed.
  const candidate: SessionPolicy = { ...fromDraft(draft, base), roles: fromRoleDrafts(roleDrafts) };
  const localErrors = accountPolicyErrors(candidate, base);
  const errors = submitted ? [...localErrors, ...serverErrors] : serverErrors;
  const errorFor = (field: FieldKey): string | undefined => {
    const found = errors.find((e) => errorBelongsTo(e.field, field));
    return found ? humanize(found, labels, t) : undefined;
  };
  const dirty = JSON.stringify(candidate) !== JSON.stringify({ ...base, roles: base.roles ?? {} });
  const isRoleError = (e: FieldError) => e.field === 'roles' || e.field.startsWith('roles.');
  // A role's errors name `roles.<role>.<field>`; under the role's own heading the field's label says enough.
  const explainRole = (e: FieldError): string => {
    const role = roleDrafts.find(
      (d) => e.field.startsWith(`roles.${d.role}.`) || e.field === `roles.${d.role}`,
    );
    const message = role ? e.message.split(`roles.${role.role}.`).join('') : e.message;
    return humanize({ field: e.field, message }, labels, t);
  };
  const summaryLabel = (e: FieldError): string => {
    if (!isRoleError(e)) return labels[e.field] ?? e.field;
    const role = roleDrafts.find((d) => e.field.startsWith(`roles.${d.role}`));
    if (!role) return t('policy.roles.title', 'Role overrides');
    const rest = e.field.slice(`roles.${role.role}.`.length);
    return rest && labels[rest] ? `${role.role}: ${labels[rest]}` : role.role;
  };

  const update = (patch: Partial<PolicyDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors([]);
    setStatus('');
  };
  const updateRoles = (next: RoleDraft[]) => {
    setRoleDrafts(next);
    setServerErrors([]);
    setStatus('');
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

  const readOnly = !canEdit;
  const generalError = errors.find((e) => !labels[e.field] && e.field !== 'idleTimeout' && !isRoleError(e));
  const section = { id, draft, update, labels, errorFor, readOnly };

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
                  fields: [...new Set(localErrors.map(summaryLabel))].join(', '),
                })}
              </p>
            )}
            {generalError && <p className="sk-alert sk-alert--error">{generalError.message}</p>}
          </div>
          <ConcurrentSessionsSection {...section} />
          <IdleTimeoutSection {...section} />
          <RememberMeSection {...section} />
          <RoleOverridesSection
            id={`${id}-roles`}
            drafts={roleDrafts}
            onChange={updateRoles}
            account={fromDraft(draft, base)}
            labels={labels}
            errors={errors.filter(isRoleError)}
            explain={explainRole}
            readOnly={readOnly}
          />

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
                  setRoleDrafts(toRoleDrafts(base));
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
