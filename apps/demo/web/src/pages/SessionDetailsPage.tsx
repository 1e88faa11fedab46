import { SessionDetails } from '@sessionkit/ui-components';
import { useNavigate, useParams } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';

export function SessionDetailsPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  return (
    <Page title="Session details" back={{ to: '/settings/security/sessions', label: 'All sessions' }}>
      <SessionDetails id={id} onSignedOut={() => navigate('/settings/security/sessions')} />
      <GeoAttribution />
    </Page>
  );
}
