import { AuditLog } from '@sessionkit/ui-components';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function AuditLogPage() {
  return (
    <AdminOnly resource="audit-log">
      <Page
        title="Audit log"
        description="Sign-ins, sign-outs and every administrative action, newest first."
      >
        <AuditLog />
      </Page>
    </AdminOnly>
  );
}
