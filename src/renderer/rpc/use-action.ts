import { useCallback, useState } from 'react';
import { errorText, useToasts } from '../state/toasts-slice';

export interface Action {
  /** The label of the action running, or null. */
  busy: string | null;
  /** The last failure's message, shown next to the form that caused it. */
  error: string | null;
  /** Runs `work`, shows its answer as a toast, or keeps its error; one action at a time. */
  run(label: string, work: () => Promise<string>): void;
}

/** A form's actions against the core: one at a time, success as a toast, failure beside the form. */
export function useAction(): Action {
  const toast = useToasts((s) => s.show);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    (label: string, work: () => Promise<string>) => {
      setBusy(label);
      setError(null);
      work()
        .then((message) => toast('success', message))
        .catch((e: unknown) => setError(errorText(e)))
        .finally(() => setBusy(null));
    },
    [toast],
  );
  return { busy, error, run };
}
