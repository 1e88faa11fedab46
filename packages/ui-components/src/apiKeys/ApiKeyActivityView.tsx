import { useId } from 'react';
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
  className,
}: ApiKeyActivityViewProps) {
  const t = useText();
  const titleId = useId();
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
      />
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
                    <span className="sk-device__meta sk-mono">{key.prefix}…</span>
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
              </tr>
            ))}
          </DataTable>
        </QueryState>
      )}
    </section>
  );
}
