/**
 * How long after the last scroll event the page counts as still. A list refreshing under a scroll
 * lands its merge and re-render in frames the scroll already fills (building the rows that come into
 * view): on two cores that is a frame of 80 ms. Held until the scroll stops, the refresh costs the
 * technician nothing they can see: nothing moves under a list they are moving themselves.
 */
const SETTLE_MS = 150;

let lastScroll = Number.NEGATIVE_INFINITY;
let listening = false;
let timer: ReturnType<typeof setTimeout> | null = null;
const held = new Set<() => void>();

const settleIn = (): number => lastScroll + SETTLE_MS - performance.now();

function flush(): void {
  timer = null;
  const wait = settleIn();
  if (wait > 0) {
    timer = setTimeout(flush, wait);
    return;
  }
  const runs = [...held];
  held.clear();
  for (const run of runs) run();
}

/**
 * Runs `run` now when no element scrolled in the last 150 ms, otherwise once scrolling stops. The
 * same function held twice runs once.
 */
export function afterScrollSettles(run: () => void): void {
  if (!listening) {
    listening = true;
    // Scroll events do not bubble; a capturing listener on the document sees every scroller's.
    document.addEventListener('scroll', () => (lastScroll = performance.now()), {
      capture: true,
      passive: true,
    });
  }
  const wait = settleIn();
  if (wait <= 0 && held.size === 0) return run();
  held.add(run);
  timer ??= setTimeout(flush, Math.max(0, wait));
}
