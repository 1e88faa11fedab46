import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useText } from '../internal/useText.js';
import { SessionPolicyFormView } from './SessionPolicyFormView.js';
import { useSessionPolicy } from './useSessionPolicy.js';

export interface SessionPolicyFormProps {
  dataProviderName?: string;
  className?: string;
}

/** The account's concurrent limit, idle timeout and remember-me rules; read-only unless `sessionkit.policy` / `edit` is allowed. */
export function SessionPolicyForm({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  className,
}: SessionPolicyFormProps) {
  const t = useText();
  const { policy, loading, error, refetch, save } = useSessionPolicy(dataProviderName);
  const access = useAccess(SESSIONKIT_ACCESS.editPolicy);
  return (
    <SessionPolicyFormView
      policy={policy}
      // Loading until access control answers too: the read-only note must not flash up for an editor.
      loading={loading || access === 'pending'}
      error={error}
      onRetry={refetch}
      canEdit={access === 'allowed'}
      onSave={(next) => save(next, t('policy.saved', 'Session settings saved'))}
      className={className}
    />
  );
}
