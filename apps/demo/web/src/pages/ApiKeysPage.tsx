import { ApiKeyActivity } from '@sessionkit/ui-components';
import { usePersonName } from '../people';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

export function ApiKeysPage() {
  const userName = usePersonName();
  return (
    <AdminOnly resource="api-keys">
      <Page trail={['Administration']} titleHidden title="API keys">
        <ApiKeyActivity userName={userName} />
      </Page>
    </AdminOnly>
  );
}
