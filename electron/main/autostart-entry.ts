/**
 * Linux has no login-item API: the console starts at login through an XDG autostart entry
 * (~/.config/autostart). Electron's `setLoginItemSettings` covers macOS and Windows.
 */
export const autostartFileName = 'alga-technician-console.desktop';

/** Quoted per the Desktop Entry spec: the AppImage or binary path may contain spaces or quotes. */
function quoteExec(path: string): string {
  return `"${path.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Alga Technician Console',
    `Exec=${quoteExec(executable)} --hidden`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}
