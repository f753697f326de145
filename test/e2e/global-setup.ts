import { buildRenderer } from '../../src/core/host/renderer-build';
import { repoRoot } from '../support/web-process';

/** Builds the renderer once so every test serves the same bundle `npm run web` would. */
export default async function globalSetup(): Promise<void> {
  await buildRenderer(repoRoot);
}
