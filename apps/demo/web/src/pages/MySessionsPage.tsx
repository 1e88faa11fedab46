import { useGetIdentity } from '@refinedev/core';
import { SessionList, SuspiciousSessionAlert } from '@sessionkit/ui-components';
import { useNavigate } from 'react-router';
import type { Identity } from '../../../shared/authJson';
import { GeoAttribution, Page } from '../shell/Shell';

/** Settings → Security → Sessions: the person's own devices, the current one first. */
export function MySessionsPage() {
  const navigate = useNavigate();
  const { data: me } = useGetIdentity<Identity>();
  return (
    <Page trail={['Settings', 'Security']} titleHidden title="Sessions">
      <SuspiciousSessionAlert
        hideWhenClear
        onChangePassword={() => navigate('/settings/security/password')}
        // Only administrators can read the audit log; everyone else gets the other three actions.
        {...(me?.permissions.admin ? { onReviewAuditLog: () => navigate('/admin/audit-log') } : {})}
      />
      <SessionList onSelect={(session) => navigate(`/settings/security/sessions/${session.id}`)} />
      <GeoAttribution />
    </Page>
  );
}
