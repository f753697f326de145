/**
 * Where the keyboard lands when what had the focus goes away (a detail or the palette closed, a view
 * opened): never on the page body, where j/k and Tab would start from nowhere.
 */

/** True when keys typed now belong to a field (or a dialog's own controls), not to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function afterRender(work: () => void): void {
  // Two frames: React commits the change, then the virtual list renders its rows.
  requestAnimationFrame(() => requestAnimationFrame(work));
}

function focusHeading(content: Element): void {
  const heading = content.querySelector<HTMLElement>('.view-header h1, h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** The row `key` of the view's main list, else the list's current row, else the view's heading. */
export function focusMainList(key: string | null): void {
  afterRender(() => {
    const content = document.querySelector('.content');
    if (!content) return;
    const row = listRow(content, key);
    if (row) {
      row.focus();
      return;
    }
    focusHeading(content);
    focusRowWhenLoaded(content, key);
  });
}

function listRow(content: Element, key: string | null): HTMLElement | null {
  return (
    (key ? content.querySelector<HTMLElement>(`[role=row][data-row-key="${CSS.escape(key)}"]`) : null) ??
    content.querySelector<HTMLElement>('[role=row][tabindex="0"]')
  );
}

/** How long a j pressed before the view's first page arrived waits for its row. */
const ROW_WAIT_MS = 5_000;

/**
 * A j pressed while the view's first page is still on its way lands on the first row when it
 * arrives, unless the technician has moved the focus elsewhere meanwhile.
 */
function focusRowWhenLoaded(content: Element, key: string | null): void {
  const holder = document.activeElement;
  const observer = new MutationObserver(() => {
    if (document.activeElement !== holder) return stop();
    const row = listRow(content, key);
    if (!row) return;
    stop();
    row.focus();
  });
  const timer = setTimeout(() => stop(), ROW_WAIT_MS);
  function stop(): void {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(content, { childList: true, subtree: true });
}

/** The opened detail's title if one is open, else the view's heading: where a jump should land. */
export function focusView(): void {
  afterRender(() => {
    const content = document.querySelector('.content');
    if (!content) return;
    const detailTitle = content.querySelector<HTMLElement>('.detail h2');
    if (detailTitle) detailTitle.focus();
    else focusHeading(content);
  });
}

/**
 * After a dialog closed: the browser gives the focus back to what had it, but when the live list
 * replaced that row meanwhile, the focus falls to the page body. Then the list's current row takes it.
 */
export function focusIfLost(): void {
  afterRender(() => {
    if (!document.activeElement || document.activeElement === document.body) focusMainList(null);
  });
}
