import { TeamSessions } from '@sessionkit/ui-components';
import { useNavigate } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function LoginManagementPage() {
  const navigate = useNavigate();
  return (
    <AdminOnly resource="login-management">
      <Page
        title="Login management"
        description="Who is signed in right now. Force a user out of every session at once."
      >
        <TeamSessions onUserSelect={(user) => navigate(`/admin/users/${encodeURIComponent(user.userId)}`)} />
        <GeoAttribution />
      </Page>
    </AdminOnly>
  );
}
