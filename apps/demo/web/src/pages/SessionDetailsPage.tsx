import { SessionDetails } from '@sessionkit/ui-components';
import { useParams } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';

export function SessionDetailsPage() {
  const { id = '' } = useParams();
  return (
    <Page
      trail={['Settings', 'Security', 'Sessions']}
      title="Session details"
      back={{ to: '/settings/security/sessions', label: 'All sessions' }}
    >
      <SessionDetails sessionId={id} />
      <GeoAttribution />
    </Page>
  );
}
