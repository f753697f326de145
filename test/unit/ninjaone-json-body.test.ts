import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../src/core/ninjaone/json-body';

/** Software rows as NinjaOne's fleet query pages carry them (non-ASCII names included). */
function softwareRows(count: number, name: (i: number) => string = (i) => `Título ${i} ™`): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    deviceId: 1000 + (i % 37),
    name: name(i),
    publisher: i % 3 ? 'Microsoft Corporation' : null,
    version: `10.${i}.0`,
    installDate: '2026-01-02T03:04:05Z',
    size: i * 1024,
    location: `C:\\Program Files\\App ${i}\\`,
  }));
}

const body = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('parseJsonBody', () => {
  it('reads a large page exactly as JSON.parse does, as a list or a query envelope', () => {
    const rows = softwareRows(2000);
    expect(parseJsonBody(body(rows))).toEqual(rows);
    const page = { cursor: { name: 'c1', offset: 0, count: 2000, expires: 1 }, results: rows };
    expect(parseJsonBody(body(page))).toEqual(page);
    const resultsFirst = { results: rows, cursor: { name: 'c2', offset: 2000, count: 2000 } };
    expect(parseJsonBody(body(resultsFirst))).toEqual(resultsFirst);
  });

  it('is not fooled by record seams inside texts or in lists nested in a record', () => {
    const seamInText = softwareRows(2000, (i) => (i % 50 ? `App ${i}` : `odd"},{"id":${i},"name":"x`));
    expect(parseJsonBody(body(seamInText))).toEqual(seamInText);
    const nested = Array.from({ length: 800 }, (_, i) => ({
      id: i,
      name: `device-${i}`,
      volumes: [
        { id: 1, name: 'C:' },
        { id: 2, name: 'D:' },
      ],
    }));
    expect(parseJsonBody(body(nested))).toEqual(nested);
    const twoLists = { a: softwareRows(900), b: softwareRows(900) };
    expect(parseJsonBody(body(twoLists))).toEqual(twoLists);
  });

  it('answers null for an empty body and undefined for one that is not JSON', () => {
    expect(parseJsonBody(Buffer.from(' \n'))).toBeNull();
    const text = JSON.stringify(softwareRows(2000));
    expect(parseJsonBody(Buffer.from(text.slice(0, -1)))).toBeUndefined();
    expect(parseJsonBody(Buffer.from(text.replace('},{', '},,{')))).toBeUndefined();
    expect(parseJsonBody(Buffer.from(`${text}]`))).toBeUndefined();
    expect(parseJsonBody(Buffer.from('<html>busy</html>'))).toBeUndefined();
  });
});
