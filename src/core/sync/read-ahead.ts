/**
 * Asks for the next page as soon as the current one is handed out, so NinjaOne prepares and sends it
 * while the caller writes the current page to SQLite. One page ahead at most: memory stays flat.
 */
export async function* readAhead<T>(pages: AsyncIterator<T>): AsyncGenerator<T> {
  let next = pages.next();
  // The request may fail while the caller is still writing; the failure surfaces on the next await.
  next.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = pages.next();
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    if (!finished) void pages.return?.(undefined)?.catch(() => undefined);
  }
}
