import { Authenticated, Refine } from '@refinedev/core';
import routerProvider from '@refinedev/react-router';
import { sessionKitAccessControl, sessionKitDataProvider, sessionKitRetry } from '@sessionkit/ui-components';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { authProvider } from './authProvider';
import { Toasts, notificationProvider } from './notifications';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { AppsPage } from './pages/AppsPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { LoginManagementPage } from './pages/LoginManagementPage';
import { LoginPage } from './pages/LoginPage';
import { MySessionsPage } from './pages/MySessionsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotMePage } from './pages/NotMePage';
import { OutboxPage } from './pages/OutboxPage';
import { PeoplePage } from './pages/PeoplePage';
import { PasswordPage } from './pages/PasswordPage';
import { PolicyPage } from './pages/PolicyPage';
import { SessionDetailsPage } from './pages/SessionDetailsPage';
import { UserPage } from './pages/UserPage';
import { Shell } from './shell/Shell';
import { applyStoredTheme } from './theme';

applyStoredTheme();

const sessionKit = sessionKitDataProvider('/api/sessions', { credentials: 'same-origin' });

/**
 * Who may do what is the kit's rule, answered by its server; the demo only says which of the kit's rights each
 * admin screen needs. Sign-ins and sign-outs through the kit's auth provider drop the answers it keeps.
 */
const accessControlProvider = sessionKitAccessControl({
  apiUrl: '/api/sessions',
  credentials: 'same-origin',
  resources: {
    'login-management': 'admin',
    people: 'act_on_behalf',
    // Resetting a password and deactivating are the administrator's right, asked about the person shown.
    'people-admin': 'admin',
    'session-policy': 'admin',
    'api-keys': 'admin',
    'audit-log': 'admin',
  },
});

/** Screens as Refine resources, so access control and the sidebar agree on who sees what. */
const RESOURCES = [
  { name: 'my-sessions', list: '/settings/security/sessions', show: '/settings/security/sessions/:id' },
  { name: 'authorized-apps', list: '/settings/security/apps' },
  { name: 'login-management', list: '/admin/login-management' },
  { name: 'people', list: '/admin/people', show: '/admin/users/:id' },
  { name: 'session-policy', list: '/admin/policy' },
  { name: 'api-keys', list: '/admin/api-keys' },
  { name: 'audit-log', list: '/admin/audit-log' },
];

function Loading() {
  return (
    <div className="full-page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Refine
        routerProvider={routerProvider}
        // The kit's provider is registered under its own name too, as a host with its own API would do.
        dataProvider={{ default: sessionKit, sessionkit: sessionKit }}
        authProvider={authProvider}
        accessControlProvider={accessControlProvider}
        notificationProvider={notificationProvider}
        resources={RESOURCES}
        options={{
          disableTelemetry: true,
          // The demo's own queries too sign out at once on a 401 rather than after three retries.
          reactQuery: { clientConfig: { defaultOptions: { queries: { retry: sessionKitRetry } } } },
        }}
      >
        <Routes>
          <Route
            element={
              <Authenticated key="panel" loading={<Loading />} appendCurrentPathToQuery={false}>
                <Outlet />
              </Authenticated>
            }
          >
            <Route element={<Shell />}>
              <Route index element={<Navigate to="/settings/security/sessions" replace />} />
              <Route path="/settings/security/sessions" element={<MySessionsPage />} />
              <Route path="/settings/security/sessions/:id" element={<SessionDetailsPage />} />
              <Route path="/settings/security/apps" element={<AppsPage />} />
              <Route path="/settings/security/password" element={<PasswordPage />} />
              <Route path="/settings/outbox" element={<OutboxPage />} />
              <Route path="/admin/login-management" element={<LoginManagementPage />} />
              <Route path="/admin/people" element={<PeoplePage />} />
              <Route path="/admin/users/:id" element={<UserPage />} />
              <Route path="/admin/policy" element={<PolicyPage />} />
              <Route path="/admin/api-keys" element={<ApiKeysPage />} />
              <Route path="/admin/audit-log" element={<AuditLogPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/not-me" element={<NotMePage />} />
        </Routes>
        <Toasts />
      </Refine>
    </BrowserRouter>
  );
}
