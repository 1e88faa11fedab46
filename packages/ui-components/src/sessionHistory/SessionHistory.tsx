import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { useText } from '../internal/useText.js';
import { AccessDenied } from '../internal/AccessDenied.js';
import { SessionHistoryView } from './SessionHistoryView.js';
import { SessionSignOutButton } from './SessionSignOutButton.js';
import { useMyEndedSessions, useSessionHistory, type SessionStatusFilter } from './useSessionHistory.js';

export interface SessionHistoryProps extends ConnectedProps {
  /** Sessions a page; default 20. */
  pageSize?: number;
  /** The status shown first; default `all`. */
  initialStatus?: SessionStatusFilter;
  /** Only this user's sessions, e.g. on a user's page. */
  userId?: string;
  /** Whether ending one session needs a reason; default true. */
  requireReason?: boolean;
}

/**
 * The account's sessions for administrators over `GET /admin/sessions`: active, ended or both, with who
 * signed in where and when, and how and by whom each one ended; an active one can be signed out.
 */
export function SessionHistory({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
  pageSize,
  initialStatus,
  userId,
  requireReason,
}: SessionHistoryProps) {
  const t = useText();
  const access = useAccess(SESSIONKIT_ACCESS.viewTeam);
  const history = useSessionHistory({
    dataProviderName,
    pageSize,
    initialStatus,
    userId,
    enabled: access === 'allowed',
  });
  const currentNow = useNow(now);
  const currentLocale = useLocale(locale);
  const title = t('history.title', 'Sessions');
  if (access === 'denied') {
    return (
      <section className="sk-root sk-card" aria-label={title}>
        <AccessDenied
          title={t('team.denied', 'You don’t have access to the team’s sessions')}
          text={t('team.deniedText', 'Ask an administrator for the right to manage sessions.')}
        />
      </section>
    );
  }
  return (
    <SessionHistoryView
      sessions={history.sessions}
      total={history.total}
      locale={currentLocale}
      title={title}
      subtitle={t('history.subtitle', 'Every sign-in, when it ended, how, and who ended it.')}
      loading={history.loading}
      error={history.error}
      onRetry={history.refetch}
      status={history.status}
      onStatusChange={history.setStatus}
      showOwner
      page={history.page}
      pageSize={history.pageSize}
      onPageChange={history.setPage}
      renderActions={(session) => (
        <SessionSignOutButton
          session={session}
          userName={session.user?.name ?? session.userId}
          now={currentNow}
          locale={currentLocale}
          requireReason={requireReason}
          dataProviderName={dataProviderName}
        />
      )}
      className={className}
    />
  );
}

export interface EndedSessionsProps extends ConnectedProps {
  /** Sessions a page; default 10. */
  pageSize?: number;
}

/** The signed-in person's recent ended sessions over `GET /me/sessions?status=ended`: when, where and how. */
export function EndedSessions({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  className,
  pageSize,
}: EndedSessionsProps) {
  const t = useText();
  const ended = useMyEndedSessions({ dataProviderName, pageSize });
  return (
    <SessionHistoryView
      sessions={ended.sessions}
      total={ended.total}
      locale={useLocale(locale)}
      title={t('history.endedTitle', 'Ended sessions')}
      subtitle={t('history.endedSubtitle', 'Where you were signed in recently, and how each session ended.')}
      emptyTitle={t('history.endedEmpty', 'No ended sessions')}
      loading={ended.loading}
      error={ended.error}
      onRetry={ended.refetch}
      page={ended.page}
      pageSize={ended.pageSize}
      onPageChange={ended.setPage}
      className={className}
    />
  );
}
