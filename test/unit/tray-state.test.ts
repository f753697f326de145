import { describe, expect, it } from 'vitest';
import { computeTrayState, type TrayInput } from '../../electron/main/tray-state';

const now = Date.UTC(2026, 5, 1, 12, 0);
const input = (overrides: Partial<TrayInput> = {}): TrayInput => ({
  counts: { critical: 0, major: 0 },
  notificationsPausedUntil: null,
  core: 'ready',
  now,
  formatTime: (ms) => new Date(ms).toISOString().slice(11, 16),
  ...overrides,
});

describe('the tray state', () => {
  it('is clear with no badge when nothing critical or major is open', () => {
    const state = computeTrayState(input());
    expect(state.icon).toBe('clear');
    expect(state.badgeCount).toBe(0);
    expect(state.tooltip).toBe('Alga Technician Console\nno open critical or major alerts');
    expect(state.canSync).toBe(true);
  });

  it('shows major alerts with a badge of their count', () => {
    const state = computeTrayState(input({ counts: { critical: 0, major: 1 } }));
    expect(state.icon).toBe('major');
    expect(state.badgeCount).toBe(1);
    expect(state.tooltip).toContain('1 major alert open');
  });

  it('lets critical win over major and counts both in the badge', () => {
    const state = computeTrayState(input({ counts: { critical: 2, major: 5 } }));
    expect(state.icon).toBe('critical');
    expect(state.badgeCount).toBe(7);
    expect(state.tooltip).toContain('2 critical and 5 major alerts open');
  });

  it('says nothing about alerts before the core has answered', () => {
    const state = computeTrayState(input({ counts: null }));
    expect(state.icon).toBe('clear');
    expect(state.badgeCount).toBe(0);
    expect(state.tooltip).toBe('Alga Technician Console');
  });

  it.each(['starting', 'restarting'] as const)(
    'shows the offline icon while the core is %s, drops the stale badge, and disables Sync now',
    (core) => {
      const state = computeTrayState(input({ core, counts: { critical: 3, major: 0 } }));
      expect(state.icon).toBe('offline');
      expect(state.badgeCount).toBe(0);
      expect(state.tooltip).toContain('reconnecting to the core');
      expect(state.canSync).toBe(false);
    },
  );

  it('says so when the core could not start', () => {
    expect(computeTrayState(input({ core: 'failed' })).tooltip).toContain('the core could not start');
  });

  it('offers to pause for an hour, or to resume with the time the pause ends', () => {
    expect(computeTrayState(input()).pauseItem).toEqual({
      label: 'Pause notifications for 1 hour',
      action: 'pause',
    });
    const paused = computeTrayState(input({ notificationsPausedUntil: now + 3_600_000 }));
    expect(paused.pauseItem).toEqual({
      label: 'Resume notifications (paused until 13:00)',
      action: 'resume',
    });
    expect(paused.tooltip).toContain('notifications paused until 13:00');
  });

  it('treats a pause that has ended as no pause', () => {
    const state = computeTrayState(input({ notificationsPausedUntil: now - 1 }));
    expect(state.pauseItem.action).toBe('pause');
    expect(state.tooltip).not.toContain('paused');
  });
});
