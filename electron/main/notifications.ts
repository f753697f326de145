import { Notification } from 'electron';
import type { Logger } from '../../src/node/logger';
import type { DesktopNotification } from '../../src/shared/contract/notifications';
import type { NavigationTarget } from '../../src/shared/navigation';

/** Notifications still on screen; the oldest reference is let go beyond this many. */
const keptOnScreen = 50;

/**
 * Shows the notifications the core's policy decided on (`notifications.show`) as native ones.
 * Clicking one focuses the window on its alert (or on the organization's alerts for a storm).
 */
export class NativeNotifications {
  // Kept referenced: a garbage-collected Notification loses its click handler.
  private readonly live = new Set<Notification>();

  constructor(
    private readonly onClick: (target: NavigationTarget) => void,
    private readonly logger: Logger,
    private readonly icon: string | undefined,
  ) {}

  show(notification: DesktopNotification): void {
    if (!Notification.isSupported()) {
      this.logger.warn('native notifications are not supported here', { id: notification.id });
      return;
    }
    const native = new Notification({
      title: notification.title,
      body: notification.body,
      icon: this.icon,
      urgency: notification.severity === 'CRITICAL' ? 'critical' : 'normal',
    });
    native.on('click', () => {
      this.live.delete(native);
      this.onClick(notification.target);
    });
    native.on('close', () => this.live.delete(native));
    native.on('failed', (_event, error) => {
      this.live.delete(native);
      this.logger.warn('a notification could not be shown', { error });
    });
    this.live.add(native);
    if (this.live.size > keptOnScreen) this.live.delete(this.live.values().next().value!);
    native.show();
  }
}
