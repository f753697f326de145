import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { productionCsp } from '../../electron/main/content-security-policy';
import { repoRoot } from '../support/web-process';
import { tempDir } from '../support/temp';

/**
 * `npm run build` works without the Electron binary, and what it builds carries the security
 * settings: read from the bundles themselves, since the app cannot be launched here. The build goes
 * to a temporary directory so tests that serve out/renderer are not disturbed.
 */
const run = promisify(execFile);
let mainSource = '';
let coreSource = '';
let preloadSource = '';

/**
 * The main process: index.js and the chunks it imports, followed from file to file (core.js, the
 * utilityProcess, and the chunks only it loads, such as the demo's servers, are not main's).
 */
function readMain(dir: string): string[] {
  const sources = new Map<string, string>();
  const visit = (file: string): void => {
    if (sources.has(file)) return;
    const source = readFileSync(file, 'utf8');
    sources.set(file, source);
    for (const [, spec] of source.matchAll(/(?:from\s*|import\s*\(\s*)"(\.{1,2}\/[^"]+)"/g)) {
      visit(join(dirname(file), spec!));
    }
  };
  visit(join(dir, 'index.js'));
  return [...sources.values()];
}

beforeAll(async () => {
  const out = join(tempDir('alga-build-'), 'out');
  await run('npm', ['run', 'build', '--', '--outDir', out, '--logLevel', 'warn'], {
    cwd: repoRoot,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  coreSource = readFileSync(join(out, 'main', 'core.js'), 'utf8');
  mainSource = readMain(join(out, 'main')).join('\n');
  preloadSource = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
}, 180_000);

function webPreferences(): Record<string, string> {
  const block = /webPreferences:\s*\{([^}]*)\}/.exec(mainSource);
  expect(block, 'the main bundle creates a window with webPreferences').not.toBeNull();
  return Object.fromEntries(
    block![1]!
      .split(',')
      .map((pair) => pair.split(':').map((part) => part.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2),
  );
}

describe('the built main process', () => {
  it('creates the window sandboxed, isolated, without Node or <webview>', () => {
    expect(webPreferences()).toMatchObject({
      sandbox: 'true',
      contextIsolation: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      nodeIntegrationInSubFrames: 'false',
      webviewTag: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
    });
    expect(mainSource).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false/);
    expect(mainSource).not.toMatch(/webSecurity:\s*false|enableBlinkFeatures|experimentalFeatures:\s*true/);
  });

  it('serves the renderer from the privileged app:// scheme with the strict CSP as a header', () => {
    expect(mainSource).toMatch(
      /registerSchemesAsPrivileged\(\[\{\s*scheme: "app",\s*privileges: \{\s*standard: true,\s*secure: true/,
    );
    expect(mainSource).toContain('protocol.handle("app"');
    expect(mainSource).toContain(`productionCsp = ${JSON.stringify(productionCsp)}`);
    expect(mainSource).toMatch(/"Content-Security-Policy": productionCsp/);
    expect(mainSource).not.toMatch(/loadFile\(|loadURL\("file:/);
  });

  it('blocks navigation, new windows and webviews, and denies permissions but notifications', () => {
    expect(mainSource).toMatch(/on\("will-navigate", \(event, url\) => \{\s*event\.preventDefault\(\)/);
    expect(mainSource).toMatch(/setWindowOpenHandler\([\s\S]{0,120}return \{ action: "deny" \}/);
    expect(mainSource).toMatch(/on\("will-attach-webview", \(event\) => \{\s*event\.preventDefault\(\)/);
    expect(mainSource).toContain('setPermissionRequestHandler');
    expect(mainSource).toContain('setPermissionCheckHandler');
    expect(mainSource).toContain('permission === "notifications"');
  });

  it('has one openExternal call (the gate), and checks the IPC sender first', () => {
    expect(mainSource.match(/\.openExternal\(/g)).toHaveLength(1);
    expect(mainSource).toMatch(
      /ipcMain\.on\(channel, \(event, payload\) => \{\s*if \(!this\.allowed\(channel, event\)\) return;/,
    );
    expect(mainSource).toMatch(
      /ipcMain\.handle\(channel, \(event(?:, payload)?\) => \{\s*if \(!this\.allowed\(channel, event\)\) throw/,
    );
  });

  it('keeps the cache out of main and Electron out of the core', () => {
    expect(mainSource).not.toContain('better-sqlite3');
    expect(coreSource).not.toMatch(/from "electron"/);
  });
});

describe('the built preload', () => {
  it('is a sandbox-compatible script that requires nothing but electron', () => {
    const requires = [...preloadSource.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
  });

  it('exposes one object and never ipcRenderer itself', () => {
    expect(preloadSource.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadSource).toContain('exposeInMainWorld("consoleApi", bridge)');
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
