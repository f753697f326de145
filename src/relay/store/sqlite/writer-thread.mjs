// Entry of the SQLite writer thread. A worker does not inherit the TypeScript loader of whatever
// started the relay (tsx, vitest), so it registers tsx itself and then loads the writer.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
