import { z } from 'zod';
import { procedure } from '../rpc/define';

/** How the desktop app behaves around its window; applied by Electron main, stored by the core. */
export const desktopPreferencesSchema = z.object({
  /** Closing the window keeps the console running in the tray (Quit is in the tray menu). */
  closeToTray: z.boolean(),
  /** Start hidden in the tray when the technician logs in. */
  startAtLogin: z.boolean(),
});
export type DesktopPreferences = z.infer<typeof desktopPreferencesSchema>;

export const defaultDesktopPreferences: DesktopPreferences = { closeToTray: true, startAtLogin: false };

export const desktopProcedures = {
  'desktop.getPreferences': procedure({
    summary: 'Tray and start-up preferences of the desktop app.',
    input: z.object({}).default({}),
    output: desktopPreferencesSchema,
  }),
  'desktop.setPreferences': procedure({
    summary: 'Change some desktop preferences; answers all of them.',
    input: desktopPreferencesSchema.partial(),
    output: desktopPreferencesSchema,
  }),
};

export const desktopEvents = {
  'desktop.preferencesChanged': desktopPreferencesSchema,
};
