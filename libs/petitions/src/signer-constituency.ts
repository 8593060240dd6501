import { Logger } from '@nestjs/common';
import { PostcodeLookup } from '@app/targets';

/** How long confirming a signature waits for the postcode lookup (which may be a web service). */
export const CONSTITUENCY_WAIT_MS = 1000;

const logger = new Logger('SignerConstituency');

/**
 * The constituency code of a signer's postcode, or null when it is unknown, the lookup fails or it
 * takes longer than `waitMs`: placing a signature never holds up or fails the signing.
 */
export async function constituencyWithin(
  lookup: PostcodeLookup,
  postcode: string,
  waitMs: number = CONSTITUENCY_WAIT_MS,
): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      logger.warn(`Postcode lookup took over ${waitMs} ms; the signature is left unplaced`);
      resolve(null);
    }, waitMs);
  });
  try {
    // A lookup that loses the race may still fail later: race() has already handled that.
    return await Promise.race([lookup.constituencyCode(postcode), late]);
  } catch (error) {
    logger.warn(`Postcode lookup failed; the signature is left unplaced: ${String(error)}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}
