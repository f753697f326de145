import { useMemo } from 'react';
import { consoleClient } from '../../rpc/client';
import { useAlertSelection } from '../../state/alerts-slice';
import { errorText, useToasts } from '../../state/toasts-slice';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a technician does to several alerts at once (the bulk bar, and x/t/e in the list): each
 * reports its outcome in a toast and clears the selection it acted on.
 */
export function useAlertActions() {
  const toast = useToasts((s) => s.show);
  return useMemo(() => {
    const done = (): void => useAlertSelection.getState().selectOnly([]);
    return {
      acknowledge: (uids: string[]): void => {
        consoleClient()
          .call('alerts.acknowledge', { uids })
          .then(({ acknowledged }) => {
            toast('success', `${plural(acknowledged, 'alert')} marked as seen`);
            done();
          })
          .catch((e: unknown) => toast('error', errorText(e)));
      },
      reset: (uids: string[]): void => {
        consoleClient()
          .call('alerts.reset', { uids })
          .then((r) => {
            toast(
              r.failed.length ? 'error' : 'success',
              `${r.reset.length} reset in NinjaOne${r.failed.length ? `; ${r.failed.length} failed: ${r.failed[0]!.message}` : ''}`,
            );
            done();
          })
          .catch((e: unknown) => toast('error', errorText(e)));
      },
    };
  }, [toast]);
}
