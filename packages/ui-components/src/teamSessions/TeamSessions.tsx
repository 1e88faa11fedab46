import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { BulkRevoke } from '../bulkRevoke/BulkRevoke.js';
import { useBulkSelection } from '../bulkRevoke/useBulkSelection.js';
import { ForceLogoutButton } from '../forceLogout/ForceLogoutButton.js';
import type { ForceLogoutConfirmation } from '../forceLogout/ForceLogoutButtonView.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { usePlural, useText } from '../internal/useText.js';
import { SessionSignOutButton } from '../sessionHistory/SessionSignOutButton.js';
import { SuspendSessions } from '../suspension/SuspendSessions.js';
import { SuspendedPeople } from '../suspension/SuspendedPeople.js';
import type { AdminUserRecord } from '@sessionkit/core/browser';
import { TeamSessionsView } from './TeamSessionsView.js';
import { UserSessionsList } from './UserSessionsList.js';
import { useTeamSessions, useUserSessions } from './useTeamSessions.js';

export interface TeamSessionsProps extends ConnectedProps {
  /** Users a page; default 20. */
  pageSize?: number;
  /** How each row's Force Logout is confirmed; default `reason`. */
  forceLogoutConfirmation?: ForceLogoutConfirmation;
  /** Row checkboxes and a bulk force logout of the selected people; default true (for those who may sign the team out). */
  bulkForceLogout?: boolean;
}

function ExpandedSessions({
  user,
  dataProviderName,
  now,
  locale,
}: {
  user: AdminUserRecord;
  dataProviderName: string;
  now: Date;
  locale: string;
}) {
  const t = useText();
  const { sessions, loading, error } = useUserSessions(user.userId, dataProviderName);
  return (
    <>
      <SuspendSessions
        userId={user.userId}
        userName={user.name}
        activeSessions={user.activeSessions}
        dataProviderName={dataProviderName}
        now={now}
        locale={locale}
        size="small"
        className="sk-user-sessions__suspend"
      />
      <UserSessionsList
        sessions={sessions}
        loading={loading}
        error={error}
        now={now}
        locale={locale}
        label={t('team.sessionsOfLabel', 'Sessions of {{name}}', { name: user.name })}
        renderActions={(session) => (
          <SessionSignOutButton
            session={session}
            userName={user.name}
            now={now}
            locale={locale}
            dataProviderName={dataProviderName}
          />
        )}
      />
    </>
  );
}

/** The admin "Login management" screen over `/admin/summary`, `/admin/users` and `/admin/sessions`. */
export function TeamSessions({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
  pageSize,
  forceLogoutConfirmation = 'reason',
  bulkForceLogout = true,
}: TeamSessionsProps) {
  const p = usePlural(locale);
  const access = useAccess(SESSIONKIT_ACCESS.viewTeam);
  const canSignOutTeam = useAccess(SESSIONKIT_ACCESS.signOutTeam) === 'allowed';
  const team = useTeamSessions({ dataProviderName, pageSize, enabled: access === 'allowed' });
  const currentNow = useNow(now);
  const currentLocale = useLocale(locale);
  // The same right as signing the team out (the server's `admin`), already asked: no check of its own.
  const canBulk = canSignOutTeam && bulkForceLogout;
  const selection = useBulkSelection({ users: team.users, total: team.total, q: team.q });
  return (
    <>
      <SuspendedPeople dataProviderName={dataProviderName} locale={currentLocale} now={currentNow} />
      <TeamSessionsView
        allowed={access !== 'denied'}
        summary={team.summary}
        users={team.users}
        now={currentNow}
        total={team.total}
        locale={currentLocale}
        loading={team.loading}
        error={team.error}
        refreshing={team.refreshing}
        onRefresh={team.refresh}
        q={team.q}
        onQueryChange={team.setQ}
        page={team.page}
        pageSize={team.pageSize}
        onPageChange={team.setPage}
        selection={canBulk ? selection.rowSelection : undefined}
        bulkBar={
          canBulk ? (
            <BulkRevoke
              selection={selection}
              dataProviderName={dataProviderName}
              locale={currentLocale}
              q={team.q}
              onDone={() => void team.refresh()}
            />
          ) : undefined
        }
        canSignOutTeam={canSignOutTeam}
        onSignOutTeam={(reason) =>
          team.signOutTeam(reason, (ended) =>
            p(
              'team.signedOutCount',
              { one: 'Signed out {{count}} team session', other: 'Signed out {{count}} team sessions' },
              ended,
            ),
          )
        }
        renderSessions={(user) => (
          <ExpandedSessions
            user={user}
            dataProviderName={dataProviderName}
            now={currentNow}
            locale={currentLocale}
          />
        )}
        renderActions={(user) => (
          <ForceLogoutButton
            userId={user.userId}
            userName={user.name}
            activeSessions={user.activeSessions}
            confirmation={forceLogoutConfirmation}
            dataProviderName={dataProviderName}
            size="small"
            tone="subtle"
            onDone={() => void team.refresh()}
          />
        )}
        className={className}
      />
    </>
  );
}
