import type { CoreStatus } from '../../src/shared/bridge';
import type { DesktopNotification } from '../../src/shared/contract/notifications';
import type { ExternalPurpose } from '../../src/shared/external-url-policy';
import type { TrayState } from './tray-state';

/**
 * What the Playwright `_electron` smoke test reads from main (through `app.evaluate`), enabled only by
 * ALGA_CONSOLE_TEST_PROBE=1: the tray state, the notifications shown, the URLs the gate let through
 * (recorded instead of launching a browser), and a way to crash the core.
 */
export interface ShellProbe {
  coreStatus: CoreStatus;
  tray: TrayState | null;
  notifications: DesktopNotification[];
  opened: { url: string; purpose: ExternalPurpose }[];
  crashCore(): void;
}

export function installTestProbe(crashCore: () => void): ShellProbe | null {
  if (process.env.ALGA_CONSOLE_TEST_PROBE !== '1') return null;
  const probe: ShellProbe = {
    coreStatus: { state: 'starting' },
    tray: null,
    notifications: [],
    opened: [],
    crashCore,
  };
  (globalThis as { __algaConsoleProbe?: ShellProbe }).__algaConsoleProbe = probe;
  return probe;
}
