import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { SuspendSessions } from './SuspendSessions.js';
import { SuspendedPeopleView } from './SuspendedPeopleView.js';
import { useSuspendedPeople } from './useSuspension.js';

/**
 * The people whose sessions are paused, for the team view (`GET /admin/suspensions`), each with Resume. A
 * suspended person may have no session left to show in the signed-in list, so they are listed here apart.
 */
export function SuspendedPeople({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
}: ConnectedProps) {
  const allowed = useAccess(SESSIONKIT_ACCESS.viewTeam) === 'allowed';
  const { people } = useSuspendedPeople(dataProviderName, allowed);
  const currentLocale = useLocale(locale);
  return (
    <SuspendedPeopleView
      people={people}
      locale={currentLocale}
      className={className}
      renderActions={(s) => (
        <SuspendSessions
          userId={s.userId}
          userName={s.user.name}
          dataProviderName={dataProviderName}
          locale={currentLocale}
          now={now}
          size="small"
          stateShown={false}
        />
      )}
    />
  );
}
