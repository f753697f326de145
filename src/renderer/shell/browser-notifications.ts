import { useEffect, useState } from 'react';
import type { ConsoleClient } from '../rpc/client';
import { showTarget } from './navigation';

/**
 * The browser form's notifications: what the core's notifier decided to show (the same policy as the
 * desktop: minimum severity, quiet hours, muted organizations, storms grouped) becomes a Notification,
 * once the technician allowed them. A click focuses the tab and opens what it is about. Several tabs
 * share one notification: the same tag replaces rather than repeats.
 */
export function showBrowserNotifications(client: ConsoleClient): () => void {
  return client.on('notifications.show', (n) => {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const shown = new Notification(n.title, { body: n.body, tag: n.id });
    shown.onclick = () => {
      window.focus();
      showTarget(n.target);
      shown.close();
    };
  });
}

export type BrowserPermission = NotificationPermission | 'unsupported';

/** This browser's notification permission, following changes made in its site settings. */
export function useNotificationPermission(): { permission: BrowserPermission; request(): void } {
  const supported = 'Notification' in window;
  // Read once: the getter asks the browser process, and the shell re-renders with every arrival.
  const [permission, setPermission] = useState<BrowserPermission>(() =>
    supported ? Notification.permission : 'unsupported',
  );
  useEffect(() => {
    if (!supported || !navigator.permissions) return;
    let status: PermissionStatus | null = null;
    const follow = (): void => setPermission(Notification.permission);
    navigator.permissions.query({ name: 'notifications' }).then(
      (s) => {
        status = s;
        s.addEventListener('change', follow);
      },
      () => undefined,
    );
    return () => status?.removeEventListener('change', follow);
  }, [supported]);
  return {
    permission,
    request: () => {
      if (supported) void Notification.requestPermission().then(setPermission);
    },
  };
}
