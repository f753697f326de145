import { z } from 'zod';
import { procedure } from '../rpc/define';
import { navigationTargetSchema } from '../navigation';
import { alertCountsSchema, unseenAlertsSchema } from './alerts';
import { epochMs, severitySchema } from './domain';

/** "HH:MM", 24-hour, in the technician's local time. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');

export const quietHoursSchema = z
  .object({
    start: timeOfDaySchema,
    end: timeOfDaySchema,
    /** Critical alerts still notify during quiet hours. */
    exceptCritical: z.boolean(),
  })
  .refine((q) => q.start !== q.end, { message: 'quiet hours must start and end at different times' });

export const notificationPreferencesSchema = z.object({
  enabled: z.boolean(),
  /** Alerts below this severity never notify. */
  minimumSeverity: severitySchema,
  /** Local times; may span midnight (22:00 to 07:00). Null: no quiet hours. */
  quietHours: quietHoursSchema.nullable(),
  mutedOrganizationIds: z.array(z.number().int()).max(1000),
  /** Notifications paused until this time (the tray's "Pause for 1 hour"); null when not paused. */
  pausedUntil: epochMs.nullable(),
  /** An organization with at least this many new alerts at once gets one grouped notification. */
  groupThreshold: z.number().int().min(2).max(100),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const defaultNotificationPreferences: NotificationPreferences = {
  enabled: true,
  minimumSeverity: 'MAJOR',
  quietHours: null,
  mutedOrganizationIds: [],
  pausedUntil: null,
  groupThreshold: 3,
};

export const notificationSchema = z.object({
  id: z.string().max(200),
  title: z.string().max(200),
  body: z.string().max(500),
  severity: severitySchema,
  /** How many alerts this notification stands for (1 unless a storm was grouped). */
  alertCount: z.number().int().positive(),
  /** Where a click takes the window: the alert, or the alerts queue of the organization. */
  target: navigationTargetSchema,
});
export type DesktopNotification = z.infer<typeof notificationSchema>;

export const notificationProcedures = {
  'notifications.getPreferences': procedure({
    summary: 'Notification preferences: minimum severity, quiet hours, muted organizations, pause.',
    input: z.object({}).default({}),
    output: notificationPreferencesSchema,
  }),
  'notifications.setPreferences': procedure({
    summary: 'Change some notification preferences; answers all of them.',
    input: notificationPreferencesSchema.partial(),
    output: notificationPreferencesSchema,
  }),
};

export const notificationEvents = {
  /** A native notification to show (Electron main shows it; the policy has already been applied). */
  'notifications.show': notificationSchema,
  'notifications.preferencesChanged': notificationPreferencesSchema,
  /** The answer of `alerts.counts`, pushed when it changes (after a sync or a relay event wrote alerts). */
  'alerts.countsChanged': alertCountsSchema,
  /** The answer of `alerts.unseen`, pushed when an alert arrives or an arrival is seen or reset. */
  'alerts.unseenChanged': unseenAlertsSchema,
};
