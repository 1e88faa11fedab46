import { useCan } from '@refinedev/core';
import { EndedSessions, SessionList, SuspiciousSessionAlert } from '@sessionkit/ui-components';
import { useNavigate } from 'react-router';
import { GeoAttribution, Page } from '../shell/Shell';

/** Settings → Security → Sessions: the person's own devices, the current one first, then the ones that ended. */
export function MySessionsPage() {
  const navigate = useNavigate();
  const { data: auditLog } = useCan({ resource: 'audit-log', action: 'list' });
  return (
    <Page trail={['Settings', 'Security']} titleHidden title="Sessions">
      <SuspiciousSessionAlert
        hideWhenClear
        onChangePassword={() => navigate('/settings/security/password')}
        // Only those who may read the audit log are sent there; everyone else gets the other three actions.
        {...(auditLog?.can ? { onReviewAuditLog: () => navigate('/admin/audit-log') } : {})}
      />
      <SessionList onSelect={(session) => navigate(`/settings/security/sessions/${session.id}`)} />
      <EndedSessions />
      <GeoAttribution />
    </Page>
  );
}
