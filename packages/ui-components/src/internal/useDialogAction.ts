import { useState } from 'react';
import { useText } from './useText.js';

/**
 * The state of a confirmation dialog's action: busy while it runs, and the server's message (or a generic
 * one) when it fails, so the dialog stays open and says why instead of closing on an error.
 */
export function useDialogAction() {
  const t = useText();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  /** Runs `action`; what must happen only on success belongs inside it, after its awaits. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (err) {
      setActionError((err as Error).message || t('common.actionFailed', 'That did not work. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return { busy, actionError, clearActionError: () => setActionError(null), run };
}
