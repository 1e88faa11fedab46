import { AuditLog } from '@sessionkit/ui-components';
import { usePersonName } from '../people';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function AuditLogPage() {
  const userName = usePersonName();
  return (
    <AdminOnly resource="audit-log">
      <Page
        title="Audit log"
        description="Sign-ins, sign-outs and every administrative action, newest first."
      >
        <AuditLog userName={userName} />
      </Page>
    </AdminOnly>
  );
}
