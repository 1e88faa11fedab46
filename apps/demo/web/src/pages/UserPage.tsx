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
        <UserSessions userId={id} />
        <div className="grid-2">
          <AuthorizedAppsTab userId={id} />
          <LoginStats userId={id} />
        </div>
        <GeoAttribution />
      </Page>
    </AdminOnly>
  );
}
