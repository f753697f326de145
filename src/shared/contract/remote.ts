import { z } from 'zod';
import { procedure } from '../rpc/define';
import { epochMs } from './domain';

export const remoteProcedures = {
  'remote.connect': procedure({
    summary:
      "Open a device's NinjaOne dashboard (where the remote session starts) in the browser, through the allow-listed opener; audited.",
    input: z.object({ deviceId: z.number().int().positive() }),
    output: z.object({
      deviceId: z.number().int(),
      /** The NinjaOne host that was opened (never the URL itself: it may carry a session token). */
      host: z.string(),
      openedAt: epochMs,
    }),
  }),
};
