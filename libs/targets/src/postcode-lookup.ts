import { Injectable } from '@nestjs/common';
import { GeographyRepository } from './geography.repository';

/** Where a postcode is: the code of its Scottish Parliament constituency, or null if unknown. */
export abstract class PostcodeLookup {
  /**
   * Whether the lookup is the imported postcode table (LocalPostcodeLookup): a statement may then
   * read it itself, in one round trip with what it needs the constituency for.
   */
  readonly inDatabase: boolean = false;

  abstract constituencyCode(postcode: string): Promise<string | null>;
}

/** From the imported postcode table of the active geography set. */
@Injectable()
export class LocalPostcodeLookup extends PostcodeLookup {
  override readonly inDatabase = true;

  constructor(private readonly geography: GeographyRepository) {
    super();
  }

  constituencyCode(postcode: string): Promise<string | null> {
    return this.geography.constituencyCodeOf(postcode);
  }
}

const CACHE_SIZE = 10_000;
const CACHE_MS = 24 * 3_600_000;

/**
 * From a postcodes.io-compatible service (`GET {base}/scotland/postcodes/{postcode}`), cached in
 * memory for a day (unknown postcodes too), so a busy campaign does not hammer it.
 */
export class HttpPostcodeLookup extends PostcodeLookup {
  private readonly cache = new Map<string, { code: string | null; until: number }>();

  constructor(private readonly baseUrl: string) {
    super();
  }

  async constituencyCode(postcode: string): Promise<string | null> {
    const cached = this.cache.get(postcode);
    if (cached && cached.until > Date.now()) {
      return cached.code;
    }
    const res = await fetch(
      `${this.baseUrl.replace(/\/+$/, '')}/scotland/postcodes/${encodeURIComponent(postcode)}`,
      {
        signal: AbortSignal.timeout(5000),
      },
    );
    if (res.status !== 200 && res.status !== 404) {
      throw new Error(`Postcode service answered ${res.status}`);
    }
    const body =
      res.status === 200 ? ((await res.json()) as { result?: { codes?: Record<string, string> } }) : {};
    const code = body.result?.codes?.scottish_parliamentary_constituency ?? null;
    if (this.cache.size >= CACHE_SIZE) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(postcode, { code, until: Date.now() + CACHE_MS });
    return code;
  }
}
