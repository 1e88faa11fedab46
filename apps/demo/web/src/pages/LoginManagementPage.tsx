import { SessionHistory, TeamSessions } from '@sessionkit/ui-components';
import { Link } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function LoginManagementPage() {
  return (
    <AdminOnly resource="login-management">
      <Page
        trail={['Administration']}
        titleHidden
        title="Login management"
        actions={
          <Link className="button button--ghost button--small" to="/admin/people">
            All people
          </Link>
        }
      >
        <TeamSessions />
        <SessionHistory />
        <GeoAttribution />
      </Page>
    </AdminOnly>
  );
}
