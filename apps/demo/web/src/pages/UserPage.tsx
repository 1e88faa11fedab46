import { useOne } from '@refinedev/core';
import type { AdminUserRecord } from '@sessionkit/ui-components';
import { AuthorizedAppsTab, ForceLogoutButton, LoginStats, UserSessions } from '@sessionkit/ui-components';
import { useParams } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

/** One person seen by an administrator: their sessions, their apps and their sign-in history. */
export function UserPage() {
  const { id = '' } = useParams();
  const { result: user } = useOne<AdminUserRecord>({
    resource: 'admin/users',
    id,
    dataProviderName: 'sessionkit',
  });
  const name = user?.name ?? id;
  return (
    <AdminOnly resource="login-management">
      <Page
        title={name}
        description={[user?.role, user?.department].filter(Boolean).join(' · ') || undefined}
        back={{ to: '/admin/login-management', label: 'Login management' }}
        actions={<ForceLogoutButton userId={id} userName={name} />}
      >
        <section className="card" aria-labelledby="user-sessions">
          <h2 id="user-sessions" className="card__title">
            Sessions
          </h2>
          <UserSessions userId={id} />
        </section>
        <div className="grid-2">
          <section className="card" aria-labelledby="user-apps">
            <h2 id="user-apps" className="card__title">
              Authorized apps
            </h2>
            <AuthorizedAppsTab userId={id} />
          </section>
          <section className="card" aria-labelledby="user-stats">
            <h2 id="user-stats" className="card__title">
              Sign-ins
            </h2>
            <LoginStats userId={id} />
          </section>
        </div>
        <GeoAttribution />
      </Page>
    </AdminOnly>
  );
}
