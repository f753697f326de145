import { describe, expect, it } from 'vitest';
import {
  checkExternalUrl,
  noTrustedOrigins,
  type ExternalPurpose,
  type TrustedOrigins,
} from '../../src/shared/external-url-policy';

const connected: TrustedOrigins = { ninjaone: 'https://eu.ninjarmm.com', psa: 'https://psa.acme-msp.com' };

const allowed: [string, ExternalPurpose, string][] = [
  ['https://eu.ninjarmm.com/#/deviceDashboard/42/overview', 'remote', 'the dashboard deep link'],
  ['https://eu.ninjarmm.com/ws/oauth/authorize?client_id=x&state=y', 'sign-in', 'the authorize page'],
  ['https://EU.NinjaRMM.com/#/deviceDashboard/42', 'remote', 'upper-case host (normalized)'],
  ['https://eu.ninjarmm.com:443/x', 'remote', 'the default port spelled out'],
  ['https://psa.acme-msp.com/msp/tickets/7', 'link', 'a PSA ticket link'],
  ['https://eu.ninjarmm.com/#/deviceDashboard/42', 'link', 'a NinjaOne link'],
];

const refused: [unknown, ExternalPurpose, RegExp, string][] = [
  ['http://eu.ninjarmm.com/#/deviceDashboard/42', 'remote', /plain http/, 'plain http on the right host'],
  ['https://eu.ninjarmm.com.evil.example/', 'remote', /not the connected NinjaOne host/, 'suffix look-alike'],
  ['https://eu-ninjarmm.com/', 'remote', /not the connected/, 'hyphen look-alike'],
  ['https://ninjarmm.com/', 'remote', /not the connected/, 'parent domain'],
  ['https://app.ninjarmm.com/', 'remote', /not the connected/, 'another NinjaOne region'],
  ['https://eu.ninjarmm.com./', 'remote', /not the connected/, 'trailing dot'],
  ['https://еu.ninjarmm.com/', 'remote', /xn--/, 'Cyrillic е look-alike (punycode)'],
  ['https://xn--u-elc.ninjarmm.com/', 'remote', /not the connected/, 'punycode spelled out'],
  ['https://eu.ninjarmm.com@evil.example/', 'remote', /user name or password/, 'userinfo pointing away'],
  ['https://evil.example@eu.ninjarmm.com/', 'remote', /user name or password/, 'userinfo on the right host'],
  ['https://user:pw@eu.ninjarmm.com/', 'remote', /user name or password/, 'credentials in the URL'],
  ['https://evil.example/eu.ninjarmm.com', 'remote', /evil\.example/, 'host in the path'],
  ['https://evil.example/?u=https://eu.ninjarmm.com', 'remote', /evil\.example/, 'host in the query'],
  ['https://evil.example#@eu.ninjarmm.com', 'remote', /evil\.example/, 'host in the fragment'],
  ['https://eu.ninjarmm.com%2eevil.example/', 'remote', /not the connected/, 'encoded dot in the host'],
  ['https://eu.ninjarmm.com:8443/', 'remote', /eu\.ninjarmm\.com:8443/, 'another port'],
  ['https://eu.ninjarmm.com:0/', 'remote', /not the connected/, 'port zero'],
  ['file:///etc/passwd', 'remote', /scheme "file:"/, 'file:'],
  ['file://server/share/run.exe', 'link', /scheme "file:"/, 'file: UNC form'],
  ['javascript:alert(1)', 'remote', /scheme "javascript:"/, 'javascript:'],
  ['JavaScript:alert(document.domain)', 'link', /scheme "javascript:"/, 'javascript: in mixed case'],
  ['data:text/html,<script>alert(1)</script>', 'link', /scheme "data:"/, 'data:'],
  ['vbscript:msgbox', 'link', /scheme "vbscript:"/, 'vbscript:'],
  ['smb://server/share', 'remote', /scheme "smb:"/, 'smb:'],
  ['ms-msdt:/id PCWDiagnostic', 'remote', /whitespace/, 'ms-msdt: with a space'],
  ['ms-settings:privacy', 'remote', /scheme "ms-settings:"/, 'ms- handler'],
  [
    'teamviewer10://control?device=1',
    'remote',
    /scheme "teamviewer10:"/,
    'remote tool scheme (undocumented)',
  ],
  ['splashtop://connect', 'remote', /scheme "splashtop:"/, 'remote tool scheme (undocumented)'],
  ['\\\\server\\share\\payload.exe', 'remote', /backslashes/, 'UNC path'],
  ['\\\\?\\C:\\Windows\\System32\\calc.exe', 'remote', /backslashes/, 'extended UNC path'],
  ['https:\\\\evil.example', 'remote', /backslashes/, 'backslash authority'],
  ['//eu.ninjarmm.com/x', 'remote', /not an absolute URL/, 'protocol-relative'],
  ['C:\\Windows\\System32\\calc.exe', 'remote', /backslashes/, 'Windows path'],
  ['/etc/passwd', 'remote', /not an absolute URL/, 'absolute path'],
  [' https://eu.ninjarmm.com/', 'remote', /whitespace/, 'leading space'],
  ['https://eu.ninja\trmm.com/', 'remote', /whitespace/, 'tab the parser would strip'],
  ['https://eu.ninjarmm.com/\nx', 'remote', /whitespace/, 'newline'],
  ['https://eu.ninjarmm.com/\u0085', 'remote', /control characters/, 'C1 control'],
  ['', 'remote', /empty/, 'empty'],
  [42, 'remote', /empty/, 'not a string'],
  [`https://eu.ninjarmm.com/${'a'.repeat(5000)}`, 'remote', /longer than/, 'too long'],
  [
    'https://psa.acme-msp.com/msp/tickets/7',
    'remote',
    /not the connected NinjaOne host/,
    'PSA host for remote',
  ],
  ['https://psa.acme-msp.com/login', 'sign-in', /not the connected NinjaOne host/, 'PSA host for sign-in'],
  ['https://127.0.0.1:9000/', 'remote', /not the connected/, 'loopback when not connected to it'],
];

describe('the external URL gate', () => {
  it.each(allowed)('allows %s (%s: %s)', (url, purpose) => {
    const decision = checkExternalUrl(url, purpose, connected);
    expect(decision.allowed).toBe(true);
  });

  it.each(refused)('refuses %s (%s) with a reason: %s', (url, purpose, reason) => {
    const decision = checkExternalUrl(url, purpose, connected);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toMatch(reason);
  });

  it('returns the normalized URL it decided on, not the raw text', () => {
    expect(checkExternalUrl('https://EU.ninjarmm.com:443/a', 'remote', connected)).toEqual({
      allowed: true,
      url: 'https://eu.ninjarmm.com/a',
    });
  });

  it('refuses everything while nothing is connected, and says which connection is missing', () => {
    const decision = checkExternalUrl('https://eu.ninjarmm.com/', 'remote', noTrustedOrigins);
    expect(decision).toEqual({ allowed: false, reason: 'no NinjaOne connection to open remote URLs on' });
  });

  it('ignores a trusted origin that is itself not https (a misconfigured host)', () => {
    const origins = { ninjaone: 'http://eu.ninjarmm.com', psa: null };
    expect(checkExternalUrl('http://eu.ninjarmm.com/x', 'remote', origins).allowed).toBe(false);
    expect(checkExternalUrl('https://eu.ninjarmm.com/x', 'remote', origins).allowed).toBe(false);
  });

  describe('a loopback simulator (demo workspace and tests)', () => {
    const simulator: TrustedOrigins = { ninjaone: 'http://127.0.0.1:41234', psa: null };

    it('allows plain http on exactly that origin', () => {
      expect(
        checkExternalUrl('http://127.0.0.1:41234/#/deviceDashboard/1', 'remote', simulator).allowed,
      ).toBe(true);
    });

    it.each([
      ['http://127.0.0.1:41235/', /127\.0\.0\.1:41235/],
      ['http://localhost:41234/', /localhost:41234/],
      ['https://127.0.0.1:41234/', /connected over plain http/],
      ['http://127.0.0.1/', /not the connected/],
    ])('refuses %s', (url, reason) => {
      const decision = checkExternalUrl(url, 'remote', simulator);
      expect(decision.allowed).toBe(false);
      if (!decision.allowed) expect(decision.reason).toMatch(reason);
    });
  });
});
