import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

export interface RelayBuild {
  /** The files written, relative to the output folder. */
  files: string[];
  /** Every package the built relay imports (node: built-ins left out): all must be production dependencies. */
  packages: string[];
}

/**
 * The relay as plain JavaScript (`node out/relay/cli.js`), so a server needs neither tsx nor any other
 * devDependency. Packages stay external: the server installs them with `npm ci --omit=dev`.
 */
export async function buildRelay(outDir = join(root, 'out/relay')): Promise<RelayBuild> {
  rmSync(outDir, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: outDir,
    metafile: true,
    logLevel: 'warning',
  } as const;
  const [cli, writer] = await Promise.all([
    build({
      ...common,
      entryPoints: { cli: 'src/relay/cli.ts' },
      // The CLI loads the server lazily (token commands need none of it); chunks sit beside cli.js so the
      // store's `new URL('./writer-thread.mjs', import.meta.url)` finds the writer wherever it lands.
      splitting: true,
      chunkNames: '[name]-[hash]',
    }),
    build({
      ...common,
      // The writer thread's entry, under the name the store starts (in a checkout, a tsx shim).
      entryPoints: { 'writer-thread': 'src/relay/store/sqlite/writer-thread.ts' },
      outExtension: { '.js': '.mjs' },
    }),
  ]);
  const outputs = (m: Metafile) => Object.entries(m.outputs);
  const all = [...outputs(cli.metafile), ...outputs(writer.metafile)];
  const packages = new Set<string>();
  for (const [, output] of all)
    for (const imported of output.imports)
      if (imported.external && !imported.path.startsWith('node:')) packages.add(packageName(imported.path));
  return {
    files: all.map(([file]) => relative(outDir, resolve(root, file))).sort(),
    packages: [...packages].sort(),
  };
}

/** `@fastify/rate-limit/x` -> `@fastify/rate-limit`, `pg` -> `pg`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await buildRelay();
  console.log(`relay built: out/relay/{${built.files.join(',')}}; packages: ${built.packages.join(', ')}`);
}
