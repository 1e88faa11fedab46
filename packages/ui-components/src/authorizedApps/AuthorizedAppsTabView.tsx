import { useId, useState } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { DataTable } from '../internal/DataTable.js';
import { Dialog } from '../internal/Dialog.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { LastActive } from '../internal/LastActive.js';
import { QueryState } from '../internal/QueryState.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { useText } from '../internal/useText.js';
import type { AuthorizedAppRecord, CreatedAppRecord, PushRegistrationRecord } from '@sessionkit/core/browser';
import { ConnectAppDialog, type NewApp } from './ConnectAppDialog.js';

export interface AuthorizedAppsTabViewProps {
  apps: AuthorizedAppRecord[];
  appsLoading?: boolean;
  appsError?: { message?: string } | null;
  onRetryApps?: () => void;
  /** Null hides the mobile notifications section (another user's tab has none). */
  push: PushRegistrationRecord[] | null;
  pushLoading?: boolean;
  pushError?: { message?: string } | null;
  onRetryPush?: () => void;
  now: Date;
  locale: string;
  canRevokeApp?: boolean;
  canRemovePush?: boolean;
  onRevokeApp?: (app: AuthorizedAppRecord) => Promise<unknown>;
  onRemovePush?: (registration: PushRegistrationRecord) => Promise<unknown>;
  /** Given, a "Connect an app" button opens the connect dialog with these rights to choose from. */
  connect?: { rights: readonly string[]; onConnect: (input: NewApp) => Promise<CreatedAppRecord> };
  className?: string;
}

type Pending =
  { kind: 'app'; app: AuthorizedAppRecord } | { kind: 'push'; registration: PushRegistrationRecord } | null;

const PLATFORM: Record<string, string> = { ios: 'iOS', android: 'Android', web: 'Web' };

/** Applications that act for the user with a token, and apps allowed to notify their devices; each removable. */
export function AuthorizedAppsTabView({
  apps,
  appsLoading = false,
  appsError,
  onRetryApps,
  push,
  pushLoading = false,
  pushError,
  onRetryPush,
  now,
  locale,
  canRevokeApp = true,
  canRemovePush = true,
  onRevokeApp,
  onRemovePush,
  connect,
  className,
}: AuthorizedAppsTabViewProps) {
  const t = useText();
  const appsTitle = useId();
  const pushTitle = useId();
  const [pending, setPending] = useState<Pending>(null);
  const { busy, actionError, clearActionError, run } = useDialogAction();
  const [announcement, setAnnouncement] = useState('');
  const [connecting, setConnecting] = useState(false);

  const kindLabel = (kind: AuthorizedAppRecord['kind']) =>
    kind === 'mobile'
      ? t('apps.kindMobile', 'Mobile')
      : kind === 'website'
        ? t('apps.kindWebsite', 'Website')
        : t('apps.kindApplication', 'Application');

  const confirm = async () => {
    if (!pending) return;
    await run(async () => {
      if (pending.kind === 'app') {
        await onRevokeApp?.(pending.app);
        setAnnouncement(t('apps.revoked', 'Access removed for {{name}}', { name: pending.app.name }));
      } else {
        await onRemovePush?.(pending.registration);
        setAnnouncement(
          t('apps.pushRemoved', '{{app}} can no longer notify {{device}}', {
            app: pending.registration.appName,
            device: pending.registration.deviceName,
          }),
        );
      }
      setPending(null);
    });
  };

  return (
    <div className={cx('sk-root sk-stack', className)}>
      <section className="sk-card" aria-labelledby={appsTitle}>
        <CardHeader
          titleId={appsTitle}
          title={t('apps.title', 'Authorized applications')}
          subtitle={t(
            'apps.subtitle',
            'Apps and devices that act for this account with a token. Removing one revokes its token at once.',
          )}
        >
          {connect && (
            <button
              type="button"
              className="sk-button sk-button--primary"
              onClick={() => setConnecting(true)}
            >
              {t('apps.connectButton', 'Connect an app')}
            </button>
          )}
        </CardHeader>
        <QueryState
          loading={appsLoading}
          error={appsError}
          empty={apps.length === 0}
          emptyTitle={t('apps.emptyTitle', 'No authorized applications')}
          emptyText={t('apps.emptyText', 'Apps you connect to this account will appear here.')}
          onRetry={onRetryApps}
        >
          <DataTable
            caption={t('apps.title', 'Authorized applications')}
            columns={[
              { label: t('apps.application', 'Application or device') },
              { label: t('apps.created', 'Created') },
              { label: t('apps.scopes', 'Access rights') },
              { label: t('apps.lastUsed', 'Last used'), className: 'sk-col-ip' },
            ]}
            actionsColumn
          >
            {apps.map((app) => (
              <tr key={app.id}>
                <td>
                  <div className="sk-device__text">
                    <span className="sk-device__name">
                      {app.deviceName ?? app.name}
                      <span className="sk-badge">{kindLabel(app.kind)}</span>
                    </span>
                    <span className="sk-device__meta">
                      {app.deviceName ? `${app.name} · ` : ''}
                      {t('apps.token', 'Token')} <span className="sk-mono">{app.tokenPreview}</span>
                    </span>
                  </div>
                </td>
                <td className="sk-nowrap">
                  <time dateTime={new Date(app.createdAt).toISOString()}>
                    {formatDateTime(app.createdAt, locale)}
                  </time>
                </td>
                <td>
                  <ul
                    className="sk-chips"
                    aria-label={t('apps.scopesOf', 'Access rights of {{name}}', { name: app.name })}
                  >
                    {app.scopes.map((scope) => (
                      <li key={scope} className="sk-chip sk-mono">
                        {scope}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="sk-col-ip">
                  {app.lastUsedAt ? (
                    <LastActive at={app.lastUsedAt} now={now} locale={locale} t={t} />
                  ) : (
                    <span className="sk-muted">{t('apps.neverUsed', 'Never used')}</span>
                  )}
                </td>
                <td className="sk-col-actions">
                  <div className="sk-row-actions">
                    {canRevokeApp && onRevokeApp && (
                      <button
                        type="button"
                        className="sk-button sk-button--small sk-button--ghost-danger"
                        aria-label={t('apps.removeNamed', 'Remove {{name}}', {
                          name: app.deviceName ?? app.name,
                        })}
                        onClick={() => setPending({ kind: 'app', app })}
                      >
                        {t('apps.remove', 'Remove')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        </QueryState>
      </section>

      {push && (
        <section className="sk-card" aria-labelledby={pushTitle}>
          <CardHeader
            titleId={pushTitle}
            title={t('apps.pushTitle', 'Mobile notifications')}
            subtitle={t('apps.pushSubtitle', 'Apps allowed to send notifications to your devices.')}
          />
          <QueryState
            loading={pushLoading}
            error={pushError}
            empty={push.length === 0}
            emptyTitle={t('apps.pushEmptyTitle', 'No devices receive notifications')}
            onRetry={onRetryPush}
          >
            <DataTable
              caption={t('apps.pushTitle', 'Mobile notifications')}
              columns={[
                { label: t('apps.pushApp', 'App') },
                { label: t('apps.pushDevice', 'Device') },
                { label: t('apps.added', 'Added') },
              ]}
              actionsColumn
            >
              {push.map((r) => (
                <tr key={r.id}>
                  <td>
                    <span className="sk-device__name">{r.appName}</span>
                  </td>
                  <td>
                    {r.deviceName} <span className="sk-badge">{PLATFORM[r.platform] ?? r.platform}</span>
                  </td>
                  <td className="sk-nowrap">
                    <time dateTime={new Date(r.createdAt).toISOString()}>
                      {formatDateTime(r.createdAt, locale)}
                    </time>
                  </td>
                  <td className="sk-col-actions">
                    {canRemovePush && onRemovePush && (
                      <button
                        type="button"
                        className="sk-button sk-button--small sk-button--ghost-danger"
                        aria-label={t('apps.pushRemoveNamed', 'Remove {{app}} notifications on {{device}}', {
                          app: r.appName,
                          device: r.deviceName,
                        })}
                        onClick={() => setPending({ kind: 'push', registration: r })}
                      >
                        {t('apps.remove', 'Remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </QueryState>
        </section>
      )}
      <p className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <Dialog
        open={pending !== null}
        title={
          pending?.kind === 'app'
            ? t('apps.confirmRevokeTitle', 'Remove {{name}}?', {
                name: pending.app.deviceName ?? pending.app.name,
              })
            : pending?.kind === 'push'
              ? t('apps.confirmPushTitle', 'Stop notifications on {{device}}?', {
                  device: pending.registration.deviceName,
                })
              : ''
        }
        confirmLabel={t('apps.remove', 'Remove')}
        cancelLabel={t('common.cancel', 'Cancel')}
        busy={busy}
        error={actionError}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setPending(null);
          clearActionError();
        }}
      >
        <p>
          {pending?.kind === 'app'
            ? t('apps.confirmRevokeText', '{{name}} loses access at once; its token stops working.', {
                name: pending.app.name,
              })
            : pending?.kind === 'push'
              ? t('apps.confirmPushText', '{{app}} will no longer send notifications to {{device}}.', {
                  app: pending.registration.appName,
                  device: pending.registration.deviceName,
                })
              : null}
        </p>
      </Dialog>
      {connect && (
        <ConnectAppDialog
          open={connecting}
          rights={connect.rights}
          onConnect={connect.onConnect}
          onClose={() => setConnecting(false)}
        />
      )}
    </div>
  );
}
