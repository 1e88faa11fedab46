import { Link } from 'react-router';
import { usePeople } from '../people';
import { Page } from '../shell/Shell';
import { AdminOnly } from './AdminOnly';

/** The host's own list of people, each linking to their sessions, apps and sign-ins. */
export function PeoplePage() {
  const { data: people, isPending, error } = usePeople();
  return (
    <AdminOnly resource="people">
      <Page
        trail={['Administration']}
        title="People"
        description="Everyone in the workspace. Open a person to see their sessions, apps and sign-ins."
      >
        <div className="panel panel--flush">
          {isPending ? (
            <p className="panel__state" role="status">
              Loading…
            </p>
          ) : error ? (
            <p className="panel__state form-error" role="alert">
              {error.message}
            </p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">People</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Department</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {people?.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/admin/users/${encodeURIComponent(p.id)}`} className="person-link">
                        <span className="avatar avatar--small" aria-hidden="true">
                          {p.name
                            .split(/\s+/)
                            .slice(0, 2)
                            .map((w) => w[0])
                            .join('')}
                        </span>
                        <span>
                          <span className="person-link__name">
                            {p.name}
                            {p.superUser ? <span className="badge badge--super">SUPER</span> : null}
                          </span>
                          <span className="person-link__email">{p.email}</span>
                        </span>
                      </Link>
                    </td>
                    <td>{p.department}</td>
                    <td>{p.role}</td>
                    <td>
                      {p.active ? (
                        <span className="status status--active">Active</span>
                      ) : (
                        <span className="status">Deactivated</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </Page>
    </AdminOnly>
  );
}
