import type { NotificationProvider, OpenNotificationParams } from '@refinedev/core';
import { useSyncExternalStore } from 'react';

interface Toast {
  key: string;
  type: OpenNotificationParams['type'];
  message: string;
  description?: string;
}

let toasts: Toast[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
let counter = 0;

function close(key: string) {
  toasts = toasts.filter((t) => t.key !== key);
  emit();
}

/** Refine's notifications as small toasts: what the kit's components say after an action ("Signed out of …"). */
export const notificationProvider: NotificationProvider = {
  open({ key, type, message, description }) {
    // The login page explains a refused sign-in in the form itself (and offers the session choice).
    if (key === 'login-error') return;
    const id = key ?? `toast-${++counter}`;
    toasts = [...toasts.filter((t) => t.key !== id), { key: id, type, message, description }].slice(-4);
    emit();
    setTimeout(() => close(id), type === 'error' ? 8000 : 4000);
  },
  close,
};

export function Toasts() {
  const list = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.key} className={`toast${t.type === 'error' ? ' toast--error' : ''}`}>
          <div className="toast__text">
            <p className="toast__title">{t.message}</p>
            {t.description ? <p className="toast__detail">{t.description}</p> : null}
          </div>
          <button type="button" onClick={() => close(t.key)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
