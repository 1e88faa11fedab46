import { Refine, type AuthProvider, type I18nProvider, type NotificationProvider } from '@refinedev/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { AnsweredChecks, storyAccessControl } from './AnsweredChecks';
import { sessionKitAccessControl } from '../packages/ui-components/src/accessControl';
import { sessionKitDataProvider } from '../packages/ui-components/src/dataProvider';
import { MOCK_API, MOCK_CSRF, type MockServer } from '../packages/ui-components/src/mocks/mockServer';

export interface Toast {
  key: number;
  message: string;
  type: 'success' | 'error' | 'progress';
}

/**
 * What every story renders inside: a Refine app whose `sessionkit` data provider is the real one, talking to the
 * story's in-memory server; access control answers from the story's `denied` list and, with `access: 'kit'`,
 * from the kit's own provider over the server's `/me/access`. The answers are listed for play functions
 * (AnsweredChecks); notifications show as toasts.
 */
export function SessionKitFrame({
  server,
  denied = [],
  access,
  i18nProvider,
  mutationMode,
  identity,
  children,
}: {
  server: MockServer;
  denied?: string[];
  access?: 'kit';
  i18nProvider?: I18nProvider;
  /** The host's default mutation mode, e.g. `undoable`. */
  mutationMode?: 'pessimistic' | 'optimistic' | 'undoable';
  /** Who is signed in, as the host's auth provider's `getIdentity` says; without it the frame has no auth provider. */
  identity?: { id: string; name: string };
  children: ReactNode;
}) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dataProvider = useMemo(() => {
    const provider = sessionKitDataProvider(MOCK_API, { fetch: server.fetch, readCookie: () => MOCK_CSRF });
    return { default: provider, sessionkit: provider };
  }, [server]);
  const [questions] = useState(() => new WeakMap<object, string>());
  const kit = useMemo(
    () => (access === 'kit' ? sessionKitAccessControl({ apiUrl: MOCK_API, fetch: server.fetch }) : undefined),
    [access, server],
  );
  const accessControlProvider = useMemo(
    () => storyAccessControl(denied, questions, kit),
    [denied, questions, kit],
  );
  const authProvider = useMemo<AuthProvider | undefined>(
    () =>
      identity && {
        login: async () => ({ success: true }),
        logout: async () => ({ success: true }),
        check: async () => ({ authenticated: true }),
        onError: async () => ({}),
        getIdentity: async () => identity,
      },
    [identity],
  );
  const notificationProvider = useMemo<NotificationProvider>(
    () => ({
      open: ({ message, type }) =>
        setToasts((list) => [...list.slice(-2), { key: Date.now(), message, type }]),
      close: () => undefined,
    }),
    [],
  );
  useEffect(() => {
    if (!toasts.length) return;
    const timer = setTimeout(() => setToasts((list) => list.slice(1)), 4000);
    return () => clearTimeout(timer);
  }, [toasts]);
  return (
    <Refine
      dataProvider={dataProvider}
      accessControlProvider={accessControlProvider}
      authProvider={authProvider}
      notificationProvider={notificationProvider}
      i18nProvider={i18nProvider}
      options={{
        disableTelemetry: true,
        ...(mutationMode ? { mutationMode } : {}),
        reactQuery: { clientConfig: { defaultOptions: { queries: { retry: false } } } },
      }}
    >
      {children}
      <AnsweredChecks questions={questions} />
      <div className="sb-toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <p key={toast.key} className={`sb-toast sb-toast--${toast.type}`}>
            {toast.message}
          </p>
        ))}
      </div>
    </Refine>
  );
}
