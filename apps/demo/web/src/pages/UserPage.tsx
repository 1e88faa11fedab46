import { useQuery } from '@tanstack/react-query';
import { AuthorizedAppsTab, ForceLogoutButton, LoginStats, UserSessions } from '@sessionkit/ui-components';
import { useParams } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

interface DirectoryUser {
  id: string;
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
  active: boolean;
}

/** The host's own record of a person (name, role, department), from its people API. */
function useDirectoryUser(id: string) {
  return useQuery({
    queryKey: ['directory-user', id],
    queryFn: async (): Promise<DirectoryUser> => {
      const response = await fetch(`/api/directory/users/${encodeURIComponent(id)}`, {
        credentials: 'same-origin',
      });
      if (!response.ok)
        throw new Error(
          response.status === 404 ? 'No such user' : `Couldn't load the user (${response.status})`,
        );
      return (await response.json()) as DirectoryUser;
    },
  });
}

/** One person seen by an administrator: their sessions, their apps and their sign-in history. */
export function UserPage() {
  const { id = '' } = useParams();
  const { data: user, error } = useDirectoryUser(id);
  const name = user?.name ?? '';
  return (
    <AdminOnly resource="login-management">
      <Page
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
          user
            ? [user.role, user.department, user.email].filter(Boolean).join(' · ')
            : (error?.message ?? undefined)
        }
        back={{ to: '/admin/login-management', label: 'Login management' }}
        actions={user?.active ? <ForceLogoutButton userId={id} userName={name} /> : null}
      >
        {user ? (
          <>
            <UserSessions userId={id} />
            <div className="grid-2">
              <AuthorizedAppsTab userId={id} />
              <LoginStats userId={id} />
            </div>
            <GeoAttribution />
          </>
        ) : null}
      </Page>
    </AdminOnly>
  );
}
