// Entry of the SQLite writer thread in a checkout. A worker does not inherit the TypeScript loader of
// whatever started the relay (tsx, vitest), so it registers tsx itself and then loads the writer. The
// build (scripts/build-relay.ts) emits out/relay/writer-thread.mjs in its place: plain JavaScript, no tsx.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
