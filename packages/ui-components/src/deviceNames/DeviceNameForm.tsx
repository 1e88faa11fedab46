import type { SessionRecord } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME, type ConnectedProps } from '../constants.js';
import { useText } from '../internal/useText.js';
import { DeviceNameFormView } from './DeviceNameFormView.js';
import { useRenameDevice } from './useRenameDevice.js';

export interface DeviceNameFormProps extends Omit<ConnectedProps, 'now' | 'locale'> {
  /** One of the signed-in person's own sessions. */
  session: SessionRecord;
}

/** Rename and trust the device of one of the person's sessions, over `PATCH /me/sessions/:id/device`. */
export function DeviceNameForm({
  session,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  className,
}: DeviceNameFormProps) {
  const t = useText();
  const rename = useRenameDevice(dataProviderName);
  return (
    <DeviceNameFormView
      session={session}
      onSave={(change) =>
        rename.save(
          session,
          change,
          t('devices.saved', 'Saved: {{device}}', {
            device: change.name ?? session.device.detectedLabel ?? session.device.label,
          }),
        )
      }
      {...(className ? { className } : {})}
    />
  );
}
