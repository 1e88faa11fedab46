import { Fragment, useId, useState, type ReactNode } from 'react';
import { AccessDenied } from '../internal/AccessDenied.js';
import { cx } from '../internal/className.js';
import { DataTable } from '../internal/DataTable.js';
import { formatDateTimeSeconds, formatNumber } from '../internal/intlFormat.js';
import { LastActive } from '../internal/LastActive.js';
import { Pager } from '../internal/Pager.js';
import { QueryState } from '../internal/QueryState.js';
import { ReasonDialog } from '../internal/ReasonDialog.js';
import { usePlural, useText } from '../internal/useText.js';
import type { AdminSummaryRecord, AdminUserRecord } from '@sessionkit/core/browser';

export interface TeamSessionsViewProps {
  summary: AdminSummaryRecord | null;
  users: AdminUserRecord[];
  /** "Now" for each user's Last active; default the render's clock. */
  now?: Date;
  total: number;
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  refreshing?: boolean;
  onRefresh?: () => void | Promise<unknown>;
  q: string;
  onQueryChange: (q: string) => void;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number) => void;
  /** The expanded row's content: that user's sessions. */
  renderSessions: (user: AdminUserRecord) => ReactNode;
  /** The row's actions, e.g. a `ForceLogoutButton`. */
  renderActions?: (user: AdminUserRecord) => ReactNode;
  canSignOutTeam?: boolean;
  onSignOutTeam?: (reason: string) => Promise<unknown>;
  /** False shows a "no access" state instead of the team. */
  allowed?: boolean;
  /** Given, each row gets a checkbox (bulk force logout); `bulkBar` shows above the table. */
  selection?: RowSelection;
  bulkBar?: ReactNode;
  className?: string;
}

/** Which rows are picked, for an action on several people. */
export interface RowSelection {
  isSelected: (user: AdminUserRecord) => boolean;
  onToggle: (user: AdminUserRecord) => void;
}

/** The login-management screen: summary cards, one row per user with their sessions on demand, team sign-out. */
export function TeamSessionsView({
  summary,
  users,
  now,
  total,
  locale,
  loading = false,
  error,
  refreshing = false,
  onRefresh,
  q,
  onQueryChange,
  page = 1,
  pageSize = 20,
  onPageChange,
  renderSessions,
  renderActions,
  canSignOutTeam = true,
  onSignOutTeam,
  allowed = true,
  selection,
  bulkBar,
  className,
}: TeamSessionsViewProps) {
  const t = useText();
  const p = usePlural(locale);
  const id = useId();
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [confirmTeam, setConfirmTeam] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const toggle = (userId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });

  if (!allowed) {
    return (
      <section className={cx('sk-root sk-card', className)} aria-labelledby={`${id}-title`}>
        <header className="sk-card__header">
          <h2 id={`${id}-title`} className="sk-card__title">
            {t('team.title', 'Login management')}
          </h2>
        </header>
        <AccessDenied
          title={t('team.denied', 'You don’t have access to the team’s sessions')}
          text={t('team.deniedText', 'Ask an administrator for the right to manage sessions.')}
        />
      </section>
    );
  }

  const cards: [string, number | undefined][] = [
    [t('team.activeUsers', 'Active users'), summary?.activeUsers],
    [t('team.activeSessions', 'Active sessions'), summary?.activeSessions],
    [t('team.superUsers', 'Super users signed in'), summary?.superUsers],
  ];

  return (
    <section className={cx('sk-root sk-team', className)} aria-labelledby={`${id}-title`}>
      <div className="sk-team__top">
        <div>
          <h2 id={`${id}-title`} className="sk-page-title">
            {t('team.title', 'Login management')}
          </h2>
          <p className="sk-card__subtitle">
            {t('team.subtitle', 'Who is signed in right now. Force a user out, or sign out the whole team.')}
          </p>
        </div>
        <div className="sk-card__actions">
          {onRefresh && (
            <button
              type="button"
              className="sk-button"
              aria-busy={refreshing || undefined}
              onClick={async () => {
                await onRefresh();
                setAnnouncement(t('team.refreshed', 'Refreshed'));
              }}
            >
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                width="14"
                height="14"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                <path d="M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              {t('team.refresh', 'Refresh')}
            </button>
          )}
          {canSignOutTeam && onSignOutTeam && (
            <button
              type="button"
              className="sk-button sk-button--ghost-danger"
              onClick={() => setConfirmTeam(true)}
            >
              {t('team.signOutAll', 'Sign out all team sessions')}
            </button>
          )}
        </div>
      </div>

      <ul className="sk-stats" aria-label={t('team.summary', 'Summary')}>
        {cards.map(([label, value]) => (
          <li key={label} className="sk-stat">
            <span className="sk-stat__label">{label}</span>
            <span className="sk-stat__value">{value === undefined ? '–' : formatNumber(value, locale)}</span>
          </li>
        ))}
      </ul>

      <div className="sk-card">
        <div className="sk-toolbar">
          <div className="sk-field">
            <label htmlFor={`${id}-q`} className="sk-field__label">
              {t('team.filter', 'Filter by user')}
            </label>
            <input
              id={`${id}-q`}
              type="search"
              className="sk-input sk-input--search"
              placeholder={t('team.filterPlaceholder', 'Name or email')}
              value={q}
              onChange={(event) => onQueryChange(event.target.value)}
            />
          </div>
          <p className="sk-toolbar__count" aria-live="polite">
            {loading
              ? ''
              : p(
                  'team.userCount',
                  { one: '{{count}} user signed in', other: '{{count}} users signed in' },
                  total,
                )}
          </p>
        </div>
        {bulkBar}
        <QueryState
          loading={loading}
          error={error}
          empty={users.length === 0}
          emptyTitle={
            q
              ? t('team.noMatch', 'No signed-in user matches “{{q}}”', { q })
              : t('team.emptyTitle', 'Nobody is signed in')
          }
          onRetry={onRefresh ? () => void onRefresh() : undefined}
        >
          <DataTable
            caption={t('team.caption', 'Signed-in users')}
            className={cx('sk-team__table', selection && 'sk-team__table--selectable')}
            columns={[
              ...(selection
                ? [
                    {
                      label: <span className="sk-visually-hidden">{t('bulk.selectColumn', 'Select')}</span>,
                      className: 'sk-team__select',
                    },
                  ]
                : []),
              { label: t('team.user', 'User') },
              { label: t('team.department', 'Department'), className: 'sk-col-location' },
              { label: t('team.sessions', 'Sessions') },
              { label: t('team.lastLogin', 'Last login') },
              { label: t('team.lastActive', 'Last active') },
              { label: t('team.lastIp', 'Last IP'), className: 'sk-col-ip' },
            ]}
            actionsColumn
          >
            {users.map((user) => {
              const open = expanded.has(user.userId);
              const panelId = `${id}-sessions-${user.userId}`;
              return (
                <Fragment key={user.userId}>
                  <tr className={cx(open && 'sk-row--open')}>
                    {selection && (
                      <td className="sk-team__select">
                        <input
                          type="checkbox"
                          className="sk-checkbox"
                          checked={selection.isSelected(user)}
                          onChange={() => selection.onToggle(user)}
                          aria-label={t('bulk.selectUser', 'Select {{name}}', { name: user.name })}
                        />
                      </td>
                    )}
                    <td className="sk-team__user">
                      <div className="sk-user">
                        <span className="sk-avatar" aria-hidden="true">
                          {user.name
                            .split(/\s+/)
                            .map((part) => part[0])
                            .slice(0, 2)
                            .join('')}
                        </span>
                        <span className="sk-device__text">
                          <span className="sk-device__name">
                            {user.name}
                            {user.superUser && (
                              <span
                                className="sk-badge sk-badge--super"
                                title={t('team.superTitle', 'Super user')}
                              >
                                {t('team.super', 'SUPER')}
                              </span>
                            )}
                          </span>
                          <span className="sk-device__meta">{user.email ?? user.role}</span>
                        </span>
                      </div>
                    </td>
                    <td className="sk-col-location">{user.department ?? '—'}</td>
                    <td className="sk-team__count">
                      <button
                        type="button"
                        className="sk-expander"
                        aria-expanded={open}
                        aria-controls={panelId}
                        onClick={() => toggle(user.userId)}
                      >
                        <svg
                          aria-hidden="true"
                          viewBox="0 0 16 16"
                          width="12"
                          height="12"
                          className="sk-expander__chevron"
                        >
                          <path
                            d="M6 4l4 4-4 4"
                            fill="none"
                            stroke="currentColor"
                            strokeWidth="1.8"
                            strokeLinecap="round"
                          />
                        </svg>
                        {p(
                          'team.sessionCount',
                          { one: '{{count}} active', other: '{{count}} active' },
                          user.activeSessions,
                        )}
                        <span className="sk-visually-hidden">
                          {' '}
                          {t('team.sessionsOf', 'sessions of {{name}}', { name: user.name })}
                        </span>
                      </button>
                    </td>
                    <td className="sk-team__login" data-label={t('team.lastLogin', 'Last login')}>
                      <time dateTime={new Date(user.lastLoginAt).toISOString()} className="sk-tabular">
                        {formatDateTimeSeconds(user.lastLoginAt, locale)}
                      </time>
                    </td>
                    <td className="sk-nowrap">
                      <LastActive at={user.lastActiveAt} now={now ?? new Date()} locale={locale} t={t} />
                    </td>
                    <td className="sk-col-ip">
                      <span className="sk-mono">{user.lastLoginIp}</span>
                    </td>
                    <td className="sk-col-actions">{renderActions?.(user)}</td>
                  </tr>
                  {open && (
                    <tr className="sk-subrow">
                      <td colSpan={selection ? 8 : 7} id={panelId}>
                        {renderSessions(user)}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </DataTable>
          {onPageChange && (
            <Pager
              page={page}
              pageSize={pageSize}
              total={total}
              locale={locale}
              onPageChange={onPageChange}
              label={t('team.paging', 'User pages')}
            />
          )}
        </QueryState>
      </div>
      <p className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ReasonDialog
        open={confirmTeam}
        title={t('team.confirmTitle', 'Sign out the whole team?')}
        confirmLabel={t('team.signOutAll', 'Sign out all team sessions')}
        requireReason
        onConfirm={async (reason) => {
          await onSignOutTeam?.(reason!);
          setAnnouncement(t('team.signedOutAll', 'Every team session has ended except yours'));
        }}
        onClose={() => setConfirmTeam(false)}
      >
        <p>
          {summary
            ? p(
                'team.confirmText',
                {
                  one: 'Every session on this account ends now, except the one you are using. {{count}} session is active.',
                  other:
                    'Every session on this account ends now, except the one you are using. {{count}} sessions are active.',
                },
                summary.activeSessions,
              )
            : t(
                'team.confirmTextNoCount',
                'Every session on this account ends now, except the one you are using.',
              )}
        </p>
      </ReasonDialog>
    </section>
  );
}
