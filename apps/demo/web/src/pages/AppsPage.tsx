import { ApiKeyActivity, AuthorizedAppsTab } from '@sessionkit/ui-components';
import { Page } from '../shell/Shell';

export function AppsPage() {
  return (
    <Page trail={['Settings', 'Security']} titleHidden title="Apps & notifications">
      <AuthorizedAppsTab />
      {/* The person's own API keys: created here (the secret shown once) and called with curl (README). */}
      <ApiKeyActivity scope="mine" />
    </Page>
  );
}
