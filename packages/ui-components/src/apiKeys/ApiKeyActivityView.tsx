import type { CreatedApiKeyRecord } from '@sessionkit/core/browser';
import { useId, useState } from 'react';
import { Dialog } from '../internal/Dialog.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { CreateApiKeyDialog } from './CreateApiKeyDialog.js';
import type { NewApiKey } from './useApiKeyActions.js';
import { AccessDenied } from '../internal/AccessDenied.js';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { DataTable } from '../internal/DataTable.js';
import { formatDate, formatNumber } from '../internal/intlFormat.js';
import { LastActive } from '../internal/LastActive.js';
import { QueryState } from '../internal/QueryState.js';
import { useText } from '../internal/useText.js';
import type { ApiKeyRecord } from '@sessionkit/core/browser';

export interface ApiKeyActivityViewProps {
  keys: ApiKeyRecord[];
  now: Date;
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  allowed?: boolean;
  /** Shows a user id as a name; default shows the id. */
  userName?: (userId: string) => string;
  /** Given, a "Create API key" button opens the create dialog with these scopes to choose from. */
  create?: { scopes: readonly string[]; onCreate: (input: NewApiKey) => Promise<CreatedApiKeyRecord> };
  /** Given, each working key gets a Revoke button (with a confirmation naming it). */
  onRevoke?: (key: ApiKeyRecord) => Promise<void>;
  className?: string;
}

/** API keys with when each was last used and how many requests it made in the last 24 hours. */
export function ApiKeyActivityView({
  keys,
  now,
  locale,
  loading = false,
  error,
  onRetry,
  allowed = true,
  userName = (id) => id,
  create,
  onRevoke,
  className,
}: ApiKeyActivityViewProps) {
  const t = useText();
  const titleId = useId();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyRecord | null>(null);
  const revoke = useDialogAction();
  const busiest = Math.max(1, ...keys.map((k) => k.requestsLast24h));
  return (
    <section className={cx('sk-root sk-card', className)} aria-labelledby={titleId}>
      <CardHeader
        titleId={titleId}
        title={t('apiKeys.title', 'API keys')}
        subtitle={t(
          'apiKeys.subtitle',
          'Keys that call the API for this account, and how much they are used.',
        )}
      >
        {create && allowed && (
          <button type="button" className="sk-button sk-button--primary" onClick={() => setCreating(true)}>
            {t('apiKeys.createButton', 'Create API key')}
          </button>
        )}
      </CardHeader>
      {!allowed ? (
        <AccessDenied title={t('apiKeys.denied', 'You don’t have access to API keys')} />
      ) : (
        <QueryState
          loading={loading}
          error={error}
          empty={keys.length === 0}
          emptyTitle={t('apiKeys.emptyTitle', 'No API keys')}
          emptyText={t('apiKeys.emptyText', 'Keys created for integrations will appear here.')}
          onRetry={onRetry}
        >
          <DataTable
            caption={t('apiKeys.title', 'API keys')}
            columns={[
              { label: t('apiKeys.name', 'Key') },
              { label: t('apiKeys.owner', 'Owner'), className: 'sk-col-location' },
              { label: t('apiKeys.created', 'Created'), className: 'sk-col-ip' },
              { label: t('apiKeys.lastUsed', 'Last used') },
              { label: t('apiKeys.requests', 'Requests (24 h)'), className: 'sk-num' },
              ...(onRevoke ? [{ label: t('common.actions', 'Actions'), className: 'sk-num' }] : []),
            ]}
          >
            {keys.map((key) => (
              <tr key={key.id} className={cx(key.revokedAt && 'sk-row--muted')}>
                <td>
                  <div className="sk-device__text">
                    <span className="sk-device__name">
                      {key.name}
                      {key.revokedAt && <span className="sk-badge">{t('apiKeys.revoked', 'Revoked')}</span>}
                    </span>
                    <span className="sk-device__meta">
                      <span className="sk-mono">{key.prefix}…</span>
                      {key.expiresAt &&
                        ` · ${t('apiKeys.expires', 'expires {{date}}', { date: formatDate(key.expiresAt, locale) })}`}
                    </span>
                  </div>
                </td>
                <td className="sk-col-location">
                  {key.userId ? userName(key.userId) : t('apiKeys.account', 'Account')}
                </td>
                <td className="sk-col-ip">
                  <time dateTime={new Date(key.createdAt).toISOString()}>
                    {formatDate(key.createdAt, locale)}
                  </time>
                </td>
                <td>
                  {key.lastUsedAt ? (
                    <LastActive at={key.lastUsedAt} now={now} locale={locale} t={t} ended={!!key.revokedAt} />
                  ) : (
                    <span className="sk-muted">{t('apps.neverUsed', 'Never used')}</span>
                  )}
                </td>
                <td className="sk-num">
                  <span className="sk-meter">
                    <span className="sk-meter__bar" aria-hidden="true">
                      <span style={{ inlineSize: `${(key.requestsLast24h / busiest) * 100}%` }} />
                    </span>
                    <span className="sk-tabular">{formatNumber(key.requestsLast24h, locale)}</span>
                  </span>
                </td>
                {onRevoke && (
                  <td className="sk-num">
                    {!key.revokedAt && (
                      <button
                        type="button"
                        className="sk-button sk-button--small sk-button--ghost-danger"
                        aria-label={t('apiKeys.revokeNamed', 'Revoke {{name}}', { name: key.name })}
                        onClick={() => setRevoking(key)}
                      >
                        {t('apiKeys.revoke', 'Revoke')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        </QueryState>
      )}
      {create && (
        <CreateApiKeyDialog
          open={creating}
          scopes={create.scopes}
          now={now}
          onCreate={create.onCreate}
          onClose={() => setCreating(false)}
        />
      )}
      {onRevoke && (
        <Dialog
          open={revoking !== null}
          title={t('apiKeys.revokeTitle', 'Revoke “{{name}}”?', { name: revoking?.name ?? '' })}
          confirmLabel={t('apiKeys.revoke', 'Revoke')}
          cancelLabel={t('common.cancel', 'Cancel')}
          busy={revoke.busy}
          error={revoke.actionError}
          onConfirm={() =>
            void revoke.run(async () => {
              if (revoking) await onRevoke(revoking);
              setRevoking(null);
            })
          }
          onCancel={() => {
            revoke.clearActionError();
            setRevoking(null);
          }}
        >
          <p>
            {t(
              'apiKeys.revokeText',
              'Anything that uses this key is refused from its next request. This can’t be undone.',
            )}
          </p>
        </Dialog>
      )}
    </section>
  );
}
