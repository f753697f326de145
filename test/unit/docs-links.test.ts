import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README is the front door and docs/ the rest: every link and picture in them (and in any other
 * Markdown file of the repository) must lead somewhere inside the repository, so a reader of a fresh
 * clone never meets a dead link or a path to something only the authors had.
 */
const root = resolve(import.meta.dirname, '..', '..');
const skipDirs = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'playwright-report']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return skipDirs.has(entry.name) ? [] : markdownFiles(join(dir, entry.name));
    return entry.name.endsWith('.md') ? [join(dir, entry.name)] : [];
  });
}

/** The prose of a Markdown file: fenced code blocks and inline code removed. */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for each heading: lower case, punctuation dropped, spaces to hyphens, -1 for repeats. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(text.replace(/`([^`\n]*)`/g, '$1')).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Every link and image target: Markdown `[..](target)` and `![..](target)`, HTML src, srcset and href. */
function targets(text: string): string[] {
  const body = prose(text);
  const found = [...body.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  for (const [, attribute, value] of body.matchAll(/\b(src|srcset|href)="([^"]+)"/g)) {
    if (attribute === 'srcset') found.push(...value!.split(',').map((part) => part.trim().split(/\s+/)[0]!));
    else found.push(value!);
  }
  return found;
}

const files = markdownFiles(root);

describe('README and docs', () => {
  it('finds the README and the docs pages', () => {
    const names = files.map((file) => relative(root, file));
    expect(names).toContain('README.md');
    for (const page of [
      'architecture',
      'sync',
      'tickets',
      'relay',
      'simulators',
      'desktop',
      'benchmarks',
      'testing',
    ])
      expect(names).toContain(`docs/${page}.md`);
  });

  it('keeps the README a front door: under 15 KB', () => {
    expect(statSync(join(root, 'README.md')).size).toBeLessThan(15 * 1024);
  });

  it.each(files.map((file) => [relative(root, file), file]))(
    '%s: every link and image resolves inside the repository',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const problems: string[] = [];
      for (const target of targets(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
        const [path, anchor] = target.split('#', 2) as [string, string | undefined];
        const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
        if (relative(root, resolved).startsWith('..')) {
          problems.push(`${target}: outside the repository`);
          continue;
        }
        if (!existsSync(resolved)) {
          problems.push(`${target}: no such file`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor))
          problems.push(`${target}: no heading with that anchor`);
      }
      // Paths to what only the authors had (the team's shared notes, their machine), in prose or in
      // code, are not links, but they lead nowhere just the same.
      for (const [match] of text.matchAll(/\.\.\/shared\/\S*|\/work\/\S*/g))
        problems.push(`${match}: a path outside the repository`);
      expect(problems).toEqual([]);
    },
  );
});
