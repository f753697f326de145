/** The shortest time between two refreshes a burst of cache changes causes in one view. */
export const REFRESH_EVERY_MS = 1000;

/**
 * Runs `refresh` at once, then at most once per `everyMs` while changes keep coming: a storm of
 * alerts changes the cache several times a second, and each refresh costs the core a query and the
 * renderer a render. The last change of a burst is never lost (it runs when the interval ends).
 */
export function throttledRefresh(refresh: () => void, everyMs = REFRESH_EVERY_MS) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    timer = null;
    last = Date.now();
    refresh();
  };
  return {
    request(): void {
      if (timer) return;
      const wait = last + everyMs - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
