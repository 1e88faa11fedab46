import { AuditLog } from '@sessionkit/ui-components';
import { usePersonName } from '../people';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function AuditLogPage() {
  const userName = usePersonName();
  return (
    <AdminOnly resource="audit-log">
      <Page trail={['Administration']} titleHidden title="Audit log">
        <AuditLog userName={userName} />
      </Page>
    </AdminOnly>
  );
}
