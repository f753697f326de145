import type { CoreStatus } from '../../src/shared/bridge';

/**
 * What the tray shows, computed from the open-alert counts, the notification pause and the core's
 * state. Pure, so every combination is unit-tested; `tray.ts` only draws the result.
 */
export const trayIconNames = ['clear', 'major', 'critical', 'offline'] as const;
export type TrayIconName = (typeof trayIconNames)[number];

export interface TrayAlertCounts {
  critical: number;
  major: number;
}

export interface TrayInput {
  /** Null until the core has answered once. */
  counts: TrayAlertCounts | null;
  notificationsPausedUntil: number | null;
  core: CoreStatus['state'];
  now: number;
  /** Formats a time of day for the technician's locale (e.g. "14:32"). */
  formatTime: (epochMs: number) => string;
}

export interface TrayState {
  icon: TrayIconName;
  /** Dock/launcher badge where the OS supports one; 0 clears it. */
  badgeCount: number;
  tooltip: string;
  pauseItem: { label: string; action: 'pause' | 'resume' };
  /** Sync now needs a running core. */
  canSync: boolean;
}

export const appTitle = 'Alga Technician Console';

function alertSummary(counts: TrayAlertCounts): string {
  if (counts.critical === 0 && counts.major === 0) return 'no open critical or major alerts';
  const parts: string[] = [];
  if (counts.critical > 0) parts.push(`${counts.critical} critical`);
  if (counts.major > 0) parts.push(`${counts.major} major`);
  const total = counts.critical + counts.major;
  return `${parts.join(' and ')} ${total === 1 ? 'alert' : 'alerts'} open`;
}

export function computeTrayState(input: TrayInput): TrayState {
  const ready = input.core === 'ready';
  const paused = input.notificationsPausedUntil !== null && input.notificationsPausedUntil > input.now;
  const counts = input.counts;

  let icon: TrayIconName = 'clear';
  if (!ready) icon = 'offline';
  else if (counts && counts.critical > 0) icon = 'critical';
  else if (counts && counts.major > 0) icon = 'major';

  const lines = [appTitle];
  if (input.core === 'failed') lines.push('the core could not start');
  else if (!ready) lines.push('reconnecting to the core');
  else if (counts) lines.push(alertSummary(counts));
  if (paused) lines.push(`notifications paused until ${input.formatTime(input.notificationsPausedUntil!)}`);

  return {
    icon,
    badgeCount: ready && counts ? counts.critical + counts.major : 0,
    tooltip: lines.join('\n'),
    pauseItem: paused
      ? {
          label: `Resume notifications (paused until ${input.formatTime(input.notificationsPausedUntil!)})`,
          action: 'resume',
        }
      : { label: 'Pause notifications for 1 hour', action: 'pause' },
    canSync: ready,
  };
}
