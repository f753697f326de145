import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './binary';

/**
 * `npm start`: the app in development through electron-vite. Without an Electron binary (machines
 * that reach only npm), say so in one line and point at the browser console instead of failing later.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!electronBinary(root)) {
  process.stderr.write(
    'The Electron binary is not installed (node_modules/electron/dist is missing): run `npx install-electron` on a machine that can reach GitHub, or use `npm run web` to run the same console in a browser.\n',
  );
  process.exit(1);
}
const child = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'dev',
    '--',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
child.on('exit', (code) => process.exit(code ?? 1));
