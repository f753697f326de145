import { buildRenderer } from '../../src/core/host/renderer-build';
import { secretServiceForTests } from '../support/secret-service';
import { repoRoot } from '../support/web-process';

/**
 * Before any browser test: a working keychain for the cores the tests start (the session's, or a
 * private one), and the renderer built once so every test serves the same bundle `npm run web` would.
 */
export default async function globalSetup(): Promise<() => void> {
  const keychain = await secretServiceForTests();
  try {
    await buildRenderer(repoRoot);
  } catch (error) {
    keychain.stop();
    throw error;
  }
  return () => keychain.stop();
}
