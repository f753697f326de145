import { describe, expect, it } from 'vitest';
import { compareVersions, parseSoftwareQuery, versionMatches } from '../../src/shared/version-compare';

describe('version comparison', () => {
  it.each([
    ['120.0.6099.109', '99.0.1', 1],
    ['119.0', '120', -1],
    ['8.0', '8', 0],
    ['23.01', '23.1', 0],
    ['1.2.10', '1.2.9', 1],
    ['5.17.5 (30309)', '5.17.5', 1],
    ['2.0-beta', '2.0-alpha', 1],
    ['10.0.19045', '10.0.22631', -1],
  ])('%s vs %s', (a, b, expected) => {
    expect(Math.sign(compareVersions(a, b)) + 0).toBe(expected);
    expect(Math.sign(compareVersions(b, a)) + 0).toBe(-expected + 0);
  });
});

describe('software search text', () => {
  it.each([
    ['chrome below 120', { name: 'chrome', version: { op: '<', value: '120' } }],
    ['Google Chrome < 120.0', { name: 'Google Chrome', version: { op: '<', value: '120.0' } }],
    ['7-Zip >= 23', { name: '7-Zip', version: { op: '>=', value: '23' } }],
    ['anydesk', { name: 'anydesk' }],
    ['Zoom older than version 5.17', { name: 'Zoom', version: { op: '<', value: '5.17' } }],
    ['  Microsoft   Teams  ', { name: 'Microsoft Teams' }],
    ['every device with Chrome', { name: 'Chrome', devices: true }],
    ['Every device with AnyDesk', { name: 'AnyDesk', devices: true }],
    ['all machines running TeamViewer', { name: 'TeamViewer', devices: true }],
    ['devices with chrome below 120', { name: 'chrome', version: { op: '<', value: '120' }, devices: true }],
    ['who has Zoom older than 5.17?', { name: 'Zoom', version: { op: '<', value: '5.17' }, devices: true }],
    ['which devices have 7-Zip', { name: '7-Zip', devices: true }],
    ['where is AnyDesk installed?', { name: 'AnyDesk', devices: true }],
    ['Remote Desktop Connection Manager', { name: 'Remote Desktop Connection Manager' }],
  ])('%s', (text, expected) => {
    expect(parseSoftwareQuery(text)).toEqual(expected);
  });

  it('applies the condition', () => {
    expect(versionMatches('119.0.1', { op: '<', value: '120' })).toBe(true);
    expect(versionMatches('120.0.1', { op: '<', value: '120' })).toBe(false);
    expect(versionMatches('120', { op: '=', value: '120.0' })).toBe(true);
  });
});
