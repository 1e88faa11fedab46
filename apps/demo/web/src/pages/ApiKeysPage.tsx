import { ApiKeyActivity } from '@sessionkit/ui-components';
import { usePersonName } from '../people';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function ApiKeysPage() {
  const userName = usePersonName();
  return (
    <AdminOnly resource="api-keys">
      <Page
        title="API keys"
        description="Keys that call the workspace's API, when they were last used and how much."
      >
        <ApiKeyActivity userName={userName} />
      </Page>
    </AdminOnly>
  );
}
