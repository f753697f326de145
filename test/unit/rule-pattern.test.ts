import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { patternMatcher } from '../../src/shared/relay/rule-match';
import { repoRoot } from '../support/web-process';

describe('rule condition patterns', () => {
  it.each([
    ['disk*', 'Disk free space < 10%', true],
    ['disk*', 'Low disk', false],
    ['*CPU*', 'High cpu usage', true],
    ['*cpu', 'High cpu usage', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*', '', true],
    ['**', 'anything', true],
    ['exact', 'EXACT', true],
    ['exact', 'exactly', false],
    ['a.c', 'abc', false],
    ['(x)+[y]?', '(X)+[Y]?', true],
    ['*a*a*a*b', 'aaaaaaaaab', true],
  ])('%s against %j is %s', (pattern, name, expected) => {
    expect(patternMatcher(pattern)(name)).toBe(expected);
  });

  it('a name longer than the bound matches no pattern', () => {
    expect(patternMatcher('*')('x'.repeat(10_001))).toBe(false);
    expect(patternMatcher('*')('x'.repeat(10_000))).toBe(true);
  });

  it('20 stars against 10,000 characters answer within 50 ms (in a process of its own, so a stall cannot hang the test)', () => {
    const script = `
      import { patternMatcher } from './src/shared/relay/rule-match.ts';
      const pattern = '*a'.repeat(20) + '*b';
      const name = 'a'.repeat(10_000);
      const started = performance.now();
      const matched = patternMatcher(pattern)(name) || patternMatcher('*a'.repeat(20))(name.slice(1) + 'c');
      process.stdout.write(JSON.stringify({ ms: performance.now() - started, matched }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(run.signal, 'the match did not finish within 20 s').toBeNull();
    const { ms, matched } = JSON.parse(run.stdout) as { ms: number; matched: boolean };
    expect(matched).toBe(false);
    expect(ms).toBeLessThan(50);
  });
});
