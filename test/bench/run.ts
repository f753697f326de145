import { benchCache } from './cache';
import { benchNinjaOne } from './ninjaone';
import { benchRelay } from './relay';
import { benchSync } from './sync';
import { benchUi } from './ui';

/** `npm run bench -- <name>`: each benchmark prints a table and one JSON line. */
const benches: Record<string, () => Promise<void>> = {
  cache: benchCache,
  ui: benchUi,
  ninjaone: benchNinjaOne,
  relay: benchRelay,
  sync: benchSync,
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
