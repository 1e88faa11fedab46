import { SessionPolicyForm } from '@sessionkit/ui-components';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function PolicyPage() {
  return (
    <AdminOnly resource="session-policy">
      <Page trail={['Administration']} titleHidden title="Session policy">
        <SessionPolicyForm />
      </Page>
    </AdminOnly>
  );
}
