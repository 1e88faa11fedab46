import { AUDIT_ACTIONS, type AuditAction } from '@sessionkit/core/browser';
import { useId } from 'react';
import { AccessDenied } from '../internal/AccessDenied.js';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { DataTable } from '../internal/DataTable.js';
import { formatDateTimeSeconds } from '../internal/intlFormat.js';
import { Pager } from '../internal/Pager.js';
import { QueryState } from '../internal/QueryState.js';
import { usePlural, useText, type Text } from '../internal/useText.js';
import type { AuditEventRecord } from '@sessionkit/core/browser';
import { auditDetails } from './auditDetails.js';
import { BulkActionBanner, ShowBulkButton } from './BulkAction.js';

export interface AuditLogViewProps {
  events: AuditEventRecord[];
  total: number;
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  userId: string;
  onUserIdChange: (userId: string) => void;
  action: AuditAction | '';
  onActionChange: (action: AuditAction | '') => void;
  /** One bulk action's events (the action and its people); empty for all. */
  bulkId?: string;
  /** Given, events of a bulk action offer to show the action with its people. */
  onBulkIdChange?: (bulkId: string) => void;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number) => void;
  allowed?: boolean;
  /** Shows a user id as a name; default shows the id. */
  userName?: (userId: string) => string;
  className?: string;
}

export function actionLabel(action: AuditAction, t: Text): string {
  const labels: Record<AuditAction, string> = {
    login: t('audit.action.login', 'Signed in'),
    login_denied: t('audit.action.login_denied', 'Sign-in refused'),
    session_ended: t('audit.action.session_ended', 'Session ended'),
    force_logout: t('audit.action.force_logout', 'Forced logout'),
    revoke_all: t('audit.action.revoke_all', 'Team signed out'),
    bulk_force_logout: t('audit.action.bulk_force_logout', 'Bulk forced logout'),
    policy_updated: t('audit.action.policy_updated', 'Policy changed'),
    password_changed: t('audit.action.password_changed', 'Password changed'),
    user_deactivated: t('audit.action.user_deactivated', 'Person deactivated'),
    user_reactivated: t('audit.action.user_reactivated', 'Person reactivated'),
    app_authorized: t('audit.action.app_authorized', 'App authorized'),
    app_first_used: t('audit.action.app_first_used', 'App used for the first time'),
    app_revoked: t('audit.action.app_revoked', 'App access removed'),
    push_registered: t('audit.action.push_registered', 'Notifications turned on'),
    push_removed: t('audit.action.push_removed', 'Notifications removed'),
    api_key_created: t('audit.action.api_key_created', 'API key created'),
    api_key_first_used: t('audit.action.api_key_first_used', 'API key used for the first time'),
    api_key_revoked: t('audit.action.api_key_revoked', 'API key revoked'),
    sessions_imported: t('audit.action.sessions_imported', 'Sessions imported'),
    credentials_imported: t('audit.action.credentials_imported', 'Credentials imported'),
    sessions_suspended: t('audit.action.sessions_suspended', 'Sessions suspended'),
    sessions_resumed: t('audit.action.sessions_resumed', 'Sessions resumed'),
    suspension_lapsed: t('audit.action.suspension_lapsed', 'Suspension ended'),
    sign_in_alert: t('audit.action.sign_in_alert', 'Sign-in alert'),
    sign_in_alert_answered: t('audit.action.sign_in_alert_answered', 'Sign-in alert answered'),
    device_updated: t('audit.action.device_updated', 'Device named or trusted'),
    device_trust_ended: t('audit.action.device_trust_ended', 'Device trust ended'),
  };
  return labels[action];
}

const TONE: Partial<Record<AuditAction, string>> = {
  force_logout: 'sk-badge--danger',
  revoke_all: 'sk-badge--danger',
  user_deactivated: 'sk-badge--danger',
  password_changed: 'sk-badge--warning',
  bulk_force_logout: 'sk-badge--danger',
  login_denied: 'sk-badge--warning',
  sessions_suspended: 'sk-badge--warning',
  policy_updated: 'sk-badge--accent',
  login: 'sk-badge--success',
};

/** The audit trail, newest first, filtered by user and action, a page at a time. */
export function AuditLogView({
  events,
  total,
  locale,
  loading = false,
  error,
  onRetry,
  userId,
  onUserIdChange,
  action,
  onActionChange,
  bulkId = '',
  onBulkIdChange,
  page = 1,
  pageSize = 20,
  onPageChange,
  allowed = true,
  userName = (id) => id,
  className,
}: AuditLogViewProps) {
  const t = useText();
  const p = usePlural(locale);
  const id = useId();
  return (
    <section className={cx('sk-root sk-card', className)} aria-labelledby={`${id}-title`}>
      <CardHeader
        titleId={`${id}-title`}
        title={t('audit.title', 'Audit log')}
        subtitle={t('audit.subtitle', 'Every sign-in, sign-out and change to session rules, newest first.')}
      />
      {!allowed ? (
        <AccessDenied title={t('audit.denied', 'You don’t have access to the audit log')} />
      ) : (
        <>
          <div className="sk-toolbar" role="search">
            <div className="sk-field">
              <label htmlFor={`${id}-user`} className="sk-field__label">
                {t('audit.filterUser', 'User')}
              </label>
              <input
                id={`${id}-user`}
                className="sk-input sk-input--search"
                type="search"
                placeholder={t('audit.filterUserPlaceholder', 'Name, email or id')}
                value={userId}
                onChange={(event) => onUserIdChange(event.target.value)}
              />
            </div>
            <div className="sk-field">
              <label htmlFor={`${id}-action`} className="sk-field__label">
                {t('audit.filterAction', 'Action')}
              </label>
              <select
                id={`${id}-action`}
                className="sk-input sk-select"
                value={action}
                onChange={(event) => onActionChange(event.target.value as AuditAction | '')}
              >
                <option value="">{t('audit.allActions', 'All actions')}</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {actionLabel(a, t)}
                  </option>
                ))}
              </select>
            </div>
            <p className="sk-toolbar__count" aria-live="polite">
              {loading ? '' : p('audit.count', { one: '{{count}} event', other: '{{count}} events' }, total)}
            </p>
          </div>
          {bulkId && (
            <BulkActionBanner
              bulkId={bulkId}
              events={events}
              userName={userName}
              locale={locale}
              onClear={onBulkIdChange ? () => onBulkIdChange('') : undefined}
            />
          )}
          <QueryState
            loading={loading}
            error={error}
            empty={events.length === 0}
            emptyTitle={t('audit.emptyTitle', 'No events')}
            emptyText={
              userId || action || bulkId
                ? t('audit.emptyFiltered', 'Nothing matches these filters.')
                : undefined
            }
            onRetry={onRetry}
          >
            <DataTable
              caption={t('audit.title', 'Audit log')}
              columns={[
                { label: t('audit.when', 'When') },
                { label: t('audit.action', 'Action') },
                { label: t('audit.actor', 'By') },
                { label: t('audit.target', 'User'), className: 'sk-col-location' },
                { label: t('audit.details', 'Details') },
                { label: t('audit.ip', 'IP address'), className: 'sk-col-ip' },
              ]}
            >
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="sk-nowrap">
                    <time dateTime={new Date(e.at).toISOString()} className="sk-tabular">
                      {formatDateTimeSeconds(e.at, locale)}
                    </time>
                  </td>
                  <td>
                    <span className={cx('sk-badge', TONE[e.action])}>{actionLabel(e.action, t)}</span>
                  </td>
                  <td className="sk-nowrap">
                    {e.actorId ? (
                      userName(e.actorId)
                    ) : (
                      <span className="sk-muted">{t('audit.system', 'System')}</span>
                    )}
                  </td>
                  <td className="sk-col-location sk-nowrap">
                    {e.targetUserId ? userName(e.targetUserId) : '—'}
                  </td>
                  <td className="sk-audit__details">
                    {auditDetails(e, t) || '—'}
                    {onBulkIdChange &&
                      typeof e.details.bulkId === 'string' &&
                      e.details.bulkId !== bulkId && (
                        <ShowBulkButton event={e} onShow={onBulkIdChange} locale={locale} />
                      )}
                  </td>
                  <td className="sk-col-ip">
                    <span className="sk-mono">{e.ip ?? '—'}</span>
                  </td>
                </tr>
              ))}
            </DataTable>
            {onPageChange && (
              <Pager
                page={page}
                pageSize={pageSize}
                total={total}
                locale={locale}
                onPageChange={onPageChange}
                label={t('audit.paging', 'Audit log pages')}
              />
            )}
          </QueryState>
        </>
      )}
    </section>
  );
}
