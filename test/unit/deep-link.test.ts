import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from '../../src/shared/deep-link';
import type { NavigationTarget } from '../../src/shared/navigation';

const accepted: [string, NavigationTarget][] = [
  [
    'alga-console://open/alert/5f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
    { kind: 'alert', uid: '5f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f' },
  ],
  ['alga-console://open/device/1042', { kind: 'device', id: 1042 }],
  ['alga-console://open/device/1042/', { kind: 'device', id: 1042 }],
  ['alga-console://open/ticket/T-2024-0017', { kind: 'ticket', id: 'T-2024-0017' }],
  ['ALGA-CONSOLE://OPEN/device/7', { kind: 'device', id: 7 }],
  ['alga-console://open/alert/abc?from=mail#top', { kind: 'alert', uid: 'abc' }],
  ['alga-console://open/ticket/a%3Ab', { kind: 'ticket', id: 'a:b' }],
];

const ignored: [unknown, string][] = [
  ['alga-console://delete/device/1', 'an action that is not allow-listed'],
  ['alga-console://open/script/1', 'a kind that is not allow-listed'],
  ['alga-console://open/settings', 'no id'],
  ['alga-console://open/device/1/run', 'extra path segments'],
  ['alga-console://open/device/0', 'device id zero'],
  ['alga-console://open/device/-3', 'negative device id'],
  ['alga-console://open/device/1e3', 'exponent notation'],
  ['alga-console://open/device/99999999999', 'device id beyond 32 bits'],
  ['alga-console://open/device/0x10', 'hex device id'],
  ['alga-console://open/alert/..%2F..%2Fetc%2Fpasswd', 'encoded path traversal'],
  ['alga-console://open/alert/%2e%2e', 'encoded dot-dot'],
  ['alga-console://open/alert/a%20b', 'encoded space'],
  ['alga-console://open/alert/%E0%A4%A', 'broken percent-encoding'],
  ['alga-console://open/ticket/' + 'x'.repeat(200), 'an id longer than 128 characters'],
  ['alga-console://user:pw@open/device/1', 'userinfo'],
  ['alga-console://open:8080/device/1', 'a port'],
  ['alga-console://evil.example/open/device/1', 'another host'],
  ['alga-console:open/device/1', 'no authority'],
  ['https://open/device/1', 'another scheme'],
  ['javascript:alert(1)', 'javascript:'],
  ['file:///etc/passwd', 'file:'],
  ['alga-console://open/device/1' + '/'.repeat(600), 'too long'],
  ['', 'empty'],
  [null, 'not a string'],
];

describe('the alga-console:// deep-link parser', () => {
  it.each(accepted)('opens %s', (link, target) => {
    expect(parseDeepLink(link)).toEqual(target);
  });

  it.each(ignored)('ignores %s (%s)', (link) => {
    expect(parseDeepLink(link)).toBeNull();
  });
});

describe('finding the link in a launch command line', () => {
  it('takes the one argument that carries the scheme', () => {
    expect(deepLinkFromArgv(['/opt/Alga/alga', '--no-sandbox', 'alga-console://open/device/1'])).toBe(
      'alga-console://open/device/1',
    );
  });

  it('ignores a command line with no link or with several (argument smuggling)', () => {
    expect(deepLinkFromArgv(['/opt/Alga/alga', '--hidden'])).toBeNull();
    expect(
      deepLinkFromArgv(['alga', 'alga-console://open/device/1', 'alga-console://open/device/2']),
    ).toBeNull();
  });
});
