/**
 * How long the page must go without a scroll event to count as still. A list refreshing under a
 * scroll lands its merge and re-render in frames the scroll already fills (building the rows that
 * come into view): on two cores that is a frame of 80 ms. Held until the scroll stops, the refresh
 * costs the technician nothing they can see: nothing moves under a list they are moving themselves.
 */
const SETTLE_MS = 150;

let lastScroll = Number.NEGATIVE_INFINITY;
let listening = false;
let checking = false;
const held = new Set<() => void>();

function runHeld(): void {
  const runs = [...held];
  held.clear();
  for (const run of runs) run();
}

/**
 * Decides in a frame's animation callbacks, which run after that frame's scroll events, against the
 * frame's own start time: a scroll since the last frame always counts, however long that frame took.
 * A timer cannot tell: after a frame that stalled past the window it runs before the scroll events
 * the stall held up, and lets a refresh through mid-scroll.
 */
function check(frameStart: number): void {
  if (held.size > 0 && frameStart - lastScroll < SETTLE_MS) {
    requestAnimationFrame(check);
    return;
  }
  checking = false;
  runHeld();
}

function listen(): void {
  listening = true;
  // Scroll events do not bubble; a capturing listener on the document sees every scroller's.
  document.addEventListener('scroll', () => (lastScroll = performance.now()), {
    capture: true,
    passive: true,
  });
  // A hidden page draws no frames, so nothing would check; nothing scrolls there either.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') runHeld();
  });
}

/**
 * Runs `run` in the next frame in which no element has scrolled for 150 ms: never straight away,
 * since a scroll the main thread has not heard of yet shows only in the next frame. The same
 * function held twice runs once. On a hidden page it runs now.
 */
export function afterScrollSettles(run: () => void): void {
  if (!listening) listen();
  if (document.visibilityState === 'hidden') return run();
  held.add(run);
  if (checking) return;
  checking = true;
  requestAnimationFrame(check);
}
