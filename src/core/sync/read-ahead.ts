/**
 * Keeps asking for the next page while the caller writes the ones it has, up to `depth` pages ahead,
 * so NinjaOne prepares and sends pages while SQLite works. The walk itself stays sequential (each
 * page's cursor comes from the one before); only finished pages wait here, so memory stays bounded.
 */
export async function* readAhead<T>(pages: AsyncIterator<T>, depth = 4): AsyncGenerator<T> {
  const ready: IteratorResult<T>[] = [];
  let failure: { error: unknown } | null = null;
  let pending: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let ended = false;

  const pump = (): void => {
    if (pending || ended || failure || ready.length >= depth) return;
    pending = pages.next().then(
      (result) => {
        pending = null;
        ready.push(result);
        if (result.done) ended = true;
        wake?.();
        pump();
      },
      (error: unknown) => {
        pending = null;
        failure = { error };
        wake?.();
      },
    );
  };

  try {
    for (;;) {
      pump();
      const next = ready.shift();
      if (next) {
        if (next.done) return;
        yield next.value;
        continue;
      }
      if (failure) throw (failure as { error: unknown }).error;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    if (!ended && !failure) {
      // The caller stopped early: let the request in flight finish, then end the walk.
      void (pending ?? Promise.resolve()).then(() => pages.return?.(undefined)).catch(() => undefined);
    }
  }
}
