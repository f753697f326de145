import { join } from 'node:path';
import { app, Menu, nativeImage, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { appTitle, type TrayIconName, type TrayState } from './tray-state';

export interface TrayActions {
  open(): void;
  syncNow(): void;
  pauseNotifications(): void;
  resumeNotifications(): void;
  quit(): void;
}

/**
 * Draws `TrayState` (computed in tray-state.ts): the icon per state (resources/tray, see
 * scripts/generate-icons.ts), the tooltip, the menu, and the count as a dock/launcher badge where the
 * OS has one (macOS, Unity launchers) or as a taskbar overlay on Windows. The menu always carries
 * Open and Quit, because Linux AppIndicator ignores clicks on the icon.
 */
export class TrayService {
  private tray: Tray | null = null;
  private readonly icons = new Map<TrayIconName, NativeImage>();
  private shownIcon: NativeImage | null = null;
  private shownMenuKey: string | null = null;

  constructor(
    private readonly iconDir: string,
    private readonly actions: TrayActions,
    private readonly window: () => BrowserWindow | null,
  ) {}

  render(state: TrayState): void {
    const image = this.icon(state.icon);
    if (!this.tray) {
      this.tray = new Tray(image);
      this.tray.on('click', () => this.actions.open());
    } else if (image !== this.shownIcon) {
      this.tray.setImage(image);
    }
    this.shownIcon = image;
    this.tray.setToolTip(state.tooltip);
    // Alert storms re-render often: the icon and native menu reach the desktop shell only when they change.
    const menuKey = JSON.stringify([state.canSync, state.pauseItem.label, state.pauseItem.action]);
    if (menuKey !== this.shownMenuKey) {
      this.tray.setContextMenu(this.menu(state));
      this.shownMenuKey = menuKey;
    }
    this.showBadge(state);
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
    this.shownIcon = null;
    this.shownMenuKey = null;
  }

  private menu(state: TrayState): Menu {
    return Menu.buildFromTemplate([
      { label: `Open ${appTitle}`, click: () => this.actions.open() },
      { label: 'Sync now', enabled: state.canSync, click: () => this.actions.syncNow() },
      {
        label: state.pauseItem.label,
        enabled: state.canSync,
        click: () =>
          state.pauseItem.action === 'pause'
            ? this.actions.pauseNotifications()
            : this.actions.resumeNotifications(),
      },
      { type: 'separator' },
      { label: 'Quit', click: () => this.actions.quit() },
    ]);
  }

  private showBadge(state: TrayState): void {
    if (process.platform === 'win32') {
      const win = this.window();
      if (!win || win.isDestroyed()) return;
      win.setOverlayIcon(
        state.badgeCount > 0 ? this.icon(state.icon) : null,
        state.badgeCount > 0 ? `${state.badgeCount} open critical or major alerts` : '',
      );
      return;
    }
    app.setBadgeCount(state.badgeCount);
  }

  private icon(name: TrayIconName): NativeImage {
    let image = this.icons.get(name);
    if (!image) {
      // tray-<name>.png plus tray-<name>@2x.png, which Electron picks for high-DPI screens.
      image = nativeImage.createFromPath(join(this.iconDir, `tray-${name}.png`));
      this.icons.set(name, image);
    }
    return image;
  }
}
