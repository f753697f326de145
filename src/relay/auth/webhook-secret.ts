import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks the webhook secret header in constant time. Both sides are hashed first, so neither the
 * secret's length nor a matching prefix shows in the timing.
 */
export function webhookSecretCheck(secret: string): (given: string | string[] | undefined) => boolean {
  const expected = createHash('sha256').update(secret).digest();
  return (given) => {
    if (typeof given !== 'string') return false;
    return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
  };
}
