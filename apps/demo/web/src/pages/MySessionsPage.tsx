import { SessionList, SuspiciousSessionAlert } from '@sessionkit/ui-components';
import { useNavigate } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';

/** Settings → Security → Sessions: the person's own devices, the current one first. */
export function MySessionsPage() {
  const navigate = useNavigate();
  return (
    <Page
      title="Sessions"
      description="Devices where your account is signed in. Sign out any you don't recognise."
    >
      <SuspiciousSessionAlert
        onChangePassword={() => navigate('/settings/security/password')}
        onReviewAuditLog={() => navigate('/admin/audit-log')}
      />
      <SessionList onSelect={(session) => navigate(`/settings/security/sessions/${session.id}`)} />
      <GeoAttribution />
    </Page>
  );
}
