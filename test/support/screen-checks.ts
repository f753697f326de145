import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page, TestInfo } from '@playwright/test';

/**
 * Checks that look at the rendered screen, not at the DOM we meant to write: axe-core's rules (colour
 * contrast included) and our own check that every control a technician can reach shows something
 * readable. Both run inside the page, against the real CSS of the current theme and viewport.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * axe-core's serious and critical violations on the page as it is now, one readable line per
 * element. The source is evaluated through the debugging protocol, so the page's CSP (no inline
 * scripts) does not stop it and nothing is added to the document.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}` +
          (n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').trim()})` : ''),
      ),
    );
}

/**
 * In-page helpers, as plain JavaScript (they run in the page as written): the colour actually
 * painted behind an element (its ancestors' backgrounds composited, opacity included) and the WCAG
 * contrast ratio of its text against it.
 */
const paintHelpers = `
  const parse = (value) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(value);
    if (!m) return null;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  };
  const backdrop = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) layers.push({ ...colour, a: colour.a * Number(style.opacity) });
      if (colour && colour.a >= 1 && Number(style.opacity) >= 1) break;
    }
    const page = parse(getComputedStyle(document.documentElement).backgroundColor);
    let result = page && page.a > 0 ? page : { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = ({ r, g, b }) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const rgb = (c) => 'rgb(' + [c.r, c.g, c.b].map(Math.round).join(', ') + ')';
  const paint = (el) => {
    const bg = backdrop(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    return { color: rgb(fg), background: rgb(bg), contrast: ratio(fg, bg) };
  };
`;

type PaintOf = (el: unknown) => { color: string; background: string; contrast: number };

/** The colours an element's text is painted in and on, and their contrast ratio (1 to 21). */
export async function paintOf(locator: Locator): Promise<ReturnType<PaintOf>> {
  await locator.page().evaluate(`window.__paint = (() => { ${paintHelpers}; return paint; })()`);
  return locator.evaluate((el) => (globalThis as unknown as { __paint: PaintOf }).__paint(el));
}

/**
 * Every visible interactive element must show something: text (or an image) whose colour stands out
 * from the background actually painted behind it. Catches what a rule about names cannot see: a
 * button labelled in the DOM but painted white on white, or one whose only name is an aria-label.
 */
const invisibleControlsScript = `(() => {
  ${paintHelpers}
  const selector = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=radio], [role=checkbox], [role=option], [role=menuitem], [role=row][tabindex]';
  const describe = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : '') + (text ? ' "' + text + '"' : '');
  };
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    if (box.bottom < 0 || box.right < 0 || box.top > innerHeight || box.left > innerWidth) return false;
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const problems = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el)) continue;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || '').toLowerCase();
    // Native check boxes, radios, ranges and colour pickers draw their own widget.
    if (tag === 'input' && ['checkbox', 'radio', 'range', 'color', 'file'].includes(type)) continue;
    const field = tag === 'input' || tag === 'select' || tag === 'textarea';
    const shown = field ? (el.value || el.getAttribute('placeholder') || (tag === 'select' ? el.selectedOptions[0]?.textContent : '') || '') : el.innerText;
    if (!shown.trim()) {
      if (!field && !el.querySelector('svg, img')) problems.push(describe(el) + ': shows no text');
      continue;
    }
    const painted = paint(el);
    if (painted.contrast < 1.5)
      problems.push(describe(el) + ': its text is ' + painted.color + ' on ' + painted.background + ', contrast ' + painted.contrast.toFixed(2));
  }
  return problems;
})()`;

/** Visible interactive elements that show no text, or text the colour of what is behind it. */
export async function invisibleControls(page: Page): Promise<string[]> {
  return (await page.evaluate(invisibleControlsScript)) as string[];
}

/**
 * Screenshots the page into the test's output folder (`test-results/e2e/<test>/<where>.png`, kept
 * after a passing run too) and attaches it to the report, then returns every problem both checks
 * find, each prefixed with where it was seen.
 */
export async function lookAtScreen(page: Page, testInfo: TestInfo, where: string): Promise<string[]> {
  const path = testInfo.outputPath(`${where.replace(/[^\w-]+/g, '-')}.png`);
  await page.screenshot({ path });
  await testInfo.attach(where, { path, contentType: 'image/png' });
  const problems = [...(await axeProblems(page)), ...(await invisibleControls(page))];
  return problems.map((p) => `${where}: ${p}`);
}
