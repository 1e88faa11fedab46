import { AuthorizedAppsTab } from '@sessionkit/ui-components';
import { Page } from '../shell/Shell';

export function AppsPage() {
  return (
    <Page
      title="Apps & notifications"
      description="Applications and mobile devices that can act for you, and the apps allowed to send notifications to your devices."
    >
      <AuthorizedAppsTab />
    </Page>
  );
}
