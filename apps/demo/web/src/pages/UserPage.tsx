import {
  AuthorizedAppsTab,
  ForceLogoutButton,
  LoginStats,
  SessionSignOutButton,
  SuspendSessions,
  UserSessionsList,
  useUserSessions,
} from '@sessionkit/ui-components';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { usePerson } from '../people';
import { GeoAttribution, Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';
import { DeactivationNotice, PersonAdminActions } from './PersonAdministration';

/** "Now" for relative times, moving once a minute. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** One person seen by an administrator: their sessions, their apps and their sign-in history. */
export function UserPage() {
  const { id = '' } = useParams();
  const { data: user, error } = usePerson(id);
  const sessions = useUserSessions(id);
  const now = useMinuteClock();
  const name = user?.name ?? '';
  const activeSessions = sessions.loading || sessions.error ? undefined : sessions.sessions.length;
  return (
    <AdminOnly resource="people">
      <Page
        trail={['Administration', 'People']}
        title={
          <>
            {user ? name : error ? 'Unknown user' : '\u00a0'}
            {user?.superUser ? <span className="badge badge--super title-badge">SUPER</span> : null}
            {user && !user.active ? (
              <span className="badge badge--inactive title-badge">DEACTIVATED</span>
            ) : null}
          </>
        }
        description={
          user ? [user.role, user.department, user.email].filter(Boolean).join(' · ') : error?.message
        }
        back={{ to: '/admin/people', label: 'People' }}
        actions={
          user ? (
            <>
              <PersonAdminActions person={user} activeSessions={activeSessions} />
              {user.active ? (
                <ForceLogoutButton userId={id} userName={name} activeSessions={activeSessions} />
              ) : null}
            </>
          ) : null
        }
      >
        {user ? (
          <>
            <DeactivationNotice person={user} />
            <section className="panel" aria-labelledby="user-sessions-title">
              <h2 id="user-sessions-title" className="panel__title">
                Active sessions
              </h2>
              {user.active ? (
                <SuspendSessions
                  userId={id}
                  userName={name}
                  activeSessions={activeSessions}
                  now={now}
                  className="panel__suspension"
                />
              ) : null}
              <UserSessionsList
                sessions={sessions.sessions}
                loading={sessions.loading}
                error={sessions.error}
                now={now}
                locale={navigator.language || 'en-US'}
                label={`Sessions of ${name}`}
                deniedText={
                  user.superUser ? 'Only a super user can manage a super user’s sessions.' : undefined
                }
                renderActions={(session) => (
                  <SessionSignOutButton
                    session={session}
                    userName={name}
                    now={now}
                    locale={navigator.language || 'en-US'}
                  />
                )}
              />
            </section>
            <AuthorizedAppsTab userId={id} />
            <LoginStats userId={id} userName={name} />
            <GeoAttribution />
          </>
        ) : null}
      </Page>
    </AdminOnly>
  );
}
