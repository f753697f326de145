// Entry of the sync thread when the console runs from source (tsx, vitest): a worker does not
// inherit the TypeScript loader of whatever started the core, so it registers tsx itself and then
// loads the thread. The built console starts its own bundle of the thread instead.
import { register } from 'tsx/esm/api';

register();
await import('./sync-thread.ts');
