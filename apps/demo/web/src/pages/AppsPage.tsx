import { AuthorizedAppsTab } from '@sessionkit/ui-components';
import { Page } from '../shell/Shell';

export function AppsPage() {
  return (
    <Page trail={['Settings', 'Security']} titleHidden title="Apps & notifications">
      <AuthorizedAppsTab />
    </Page>
  );
}
