import type { ExternalOpener } from '../../external-opener';

/**
 * Stands in for a technician who clicks "Allow" on NinjaOne's sign-in page: fetches the authorize
 * URL (the simulator consents at once) and follows its redirect to the console's loopback receiver.
 * Only the demo workspace uses it, against its own simulator.
 */
export async function followSignIn(
  authorizeUrl: string,
  beforeRedirect?: (redirect: URL) => Promise<void>,
): Promise<{ redirectedTo: string | null; status: number; page: string }> {
  const answer = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    return { redirectedTo: null, status: answer.status, page: await answer.text() };
  await beforeRedirect?.(new URL(location));
  const landing = await fetch(location);
  return { redirectedTo: location, status: landing.status, page: await landing.text() };
}

export const autoConsentOpener: ExternalOpener = {
  open: async (url) => {
    await followSignIn(url);
  },
};
