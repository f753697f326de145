import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { csvField, csvLine } from '../../src/core/export/csv';
import { csvStream, writeCsvFile } from '../../src/core/export/csv-writer';
import { PreparedExports } from '../../src/core/export/prepared-exports';
import { exportRequestSchema } from '../../src/shared/contract/export';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { parseCsv } from '../support/csv';
import { tempDir } from '../support/temp';

describe('CSV escaping', () => {
  it('quotes commas, quotes and line breaks so a spreadsheet reads one field', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'line1\nline2', 'cr\rhere', '', 'Zürich — ✓'];
    const line = csvLine(values);
    expect(line).toBe('plain,"a,b","say ""hi""","line1\nline2","cr\rhere",,Zürich — ✓\r\n');
    expect(parseCsv(line)).toEqual([values]);
  });

  it('neutralises fields a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvField(evil).replace(/^"/, '')).toMatch(/^'/);
    expect(parseCsv(csvLine(['=1+1']))).toEqual([["'=1+1"]]);
    // Numbers are data: a negative number stays a number.
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('streaming CSV writer on a real cache', () => {
  let cache: Cache;
  const cacheDir = mkdtempSync(join(tmpdir(), 'alga-export-cache-'));
  beforeAll(() => {
    cache = Cache.open(join(cacheDir, 'cache.db'));
    seedCache(cache, fleetRecords(50_000, 3));
  }, 120_000);
  afterAll(() => {
    cache.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('writes 50,000 devices in list order, with a BOM, in bounded memory and time', async () => {
    const path = join(tempDir('alga-export-'), 'all.csv');
    const request = exportRequestSchema.parse({ list: 'assets', sort: { field: 'name', direction: 'asc' } });
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const started = performance.now();
    const result = await writeCsvFile(cache, request, path);
    const ms = performance.now() - started;
    clearInterval(sampler);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(result.rows).toBe(50_000);
    expect(rows).toHaveLength(50_001);
    expect(rows[0]!.slice(0, 3)).toEqual(['Device ID', 'Name', 'Organization']);
    const names = rows.slice(1).map((r) => r[1]!);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(50_000);
    const fileMb = result.bytes / 1e6;
    const heapMb = (peak - heapBefore) / 1e6;
    console.log(
      `export 50,000 devices: ${ms.toFixed(0)} ms, ${fileMb.toFixed(1)} MB file, heap +${heapMb.toFixed(1)} MB`,
    );
    // One page at a time: the sampled heap (garbage included) stays bounded whatever the fleet size.
    expect(heapMb).toBeLessThan(64);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it('yields between pages, so other work runs during an export', async () => {
    const request = exportRequestSchema.parse({ list: 'assets' });
    let turns = 0;
    let exporting = true;
    const tick = (): void => {
      turns++;
      if (exporting) setImmediate(tick);
    };
    setImmediate(tick);
    const chunks: Buffer[] = [];
    for await (const chunk of csvStream(cache, request)) chunks.push(chunk as Buffer);
    exporting = false;
    // 50 pages of 1,000: the event loop turned between them, not only once at the end.
    expect(chunks.length).toBeGreaterThanOrEqual(50);
    expect(turns).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it('takes at most about half a CPU, so the window beside it keeps its frames', async () => {
    const request = exportRequestSchema.parse({ list: 'assets' });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let rows = 0;
    for await (const chunk of csvStream(cache, request))
      rows += (chunk as Buffer).toString().split('\r\n').length - 1;
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(rows).toBe(50_001);
    // It rests after each page as long as the page took (at full speed this was about 1.0).
    expect(cpuMs / wallMs).toBeLessThan(0.65);
  }, 60_000);

  it('exports only the selected devices, in selection order, skipping one no longer cached', async () => {
    const ids = [1007, 1003, 999_999, 1042];
    const text = await new Response(
      csvStream(cache, exportRequestSchema.parse({ list: 'assets', ids })) as unknown as ReadableStream,
    ).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1007', '1003', '1042']);
  });

  it('never leaves a half-written file under the chosen name', async () => {
    const path = join(tempDir('alga-export-'), 'missing-dir', 'x.csv');
    await expect(writeCsvFile(cache, exportRequestSchema.parse({ list: 'assets' }), path)).rejects.toThrow();
  });
});

describe('prepared exports', () => {
  it('are single use and expire after a minute', () => {
    let now = 1_000_000;
    const prepared = new PreparedExports(() => now);
    const request = exportRequestSchema.parse({ list: 'alerts' });
    const a = prepared.prepare(request);
    expect(a.fileName).toMatch(/^alerts-list-\d{12}\.csv$/);
    expect(prepared.take(a.id)).not.toBeNull();
    expect(prepared.take(a.id)).toBeNull();
    const b = prepared.prepare(request);
    now += 61_000;
    expect(prepared.take(b.id)).toBeNull();
  });
});
