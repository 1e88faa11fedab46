import { Link } from 'react-router';
import { Page } from '../shell/Shell';

export function NotFoundPage() {
  return (
    <Page trail={[]} title="Page not found" description="There is nothing at this address.">
      <Link className="button button--primary" to="/settings/security/sessions">
        Go to your sessions
      </Link>
    </Page>
  );
}
