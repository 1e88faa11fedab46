import { SessionPolicyForm } from '@sessionkit/ui-components';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function PolicyPage() {
  return (
    <AdminOnly resource="session-policy">
      <Page
        title="Session policy"
        description="Rules for every session in the workspace. Changes apply to existing sessions at their next request."
      >
        <SessionPolicyForm />
      </Page>
    </AdminOnly>
  );
}
