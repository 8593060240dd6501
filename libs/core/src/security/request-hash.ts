import { createHmac } from 'node:crypto';

let key: string | undefined;

/** Set once at start by SecurityModule, from ADDRESS_HASH_KEY. */
export function useRequestHashKey(current: string): void {
  key = current;
}

/**
 * A keyed hash (HMAC-SHA-256 with ADDRESS_HASH_KEY, labelled as AddressHasher labels its hashes) of
 * a public request as the repeat guard keeps it. A plain hash of a request (a name, an email, a
 * postcode) could be reversed by trying likely values; without the key it cannot.
 */
export function hashRequest(text: string): string {
  if (key === undefined) {
    throw new Error('No key for request hashes: import SecurityModule');
  }
  return createHmac('sha256', key).update(`recent-request\u0000${text}`).digest('hex');
}
