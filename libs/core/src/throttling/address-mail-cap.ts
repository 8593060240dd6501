import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisClient } from '../redis/redis.module';
import { AddressHasher } from '../security/address-hasher';

// Counts one email to an address unless it is over either cap, atomically in one round trip.
// KEYS[1..n]: the kind's counter under each key (current first); KEYS[n+1..2n]: the day's counter.
// ARGV: window ms, per-kind cap, day ms, per-day cap, n. Returns 1 when the email may go.
const COUNT_IF_UNDER = `
local n = tonumber(ARGV[5])
local kind, day = 0, 0
for i = 1, n do
  kind = kind + tonumber(redis.call('GET', KEYS[i]) or '0')
  day = day + tonumber(redis.call('GET', KEYS[n + i]) or '0')
end
if kind >= tonumber(ARGV[2]) or day >= tonumber(ARGV[4]) then
  return 0
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if redis.call('INCR', KEYS[n + 1]) == 1 then redis.call('PEXPIRE', KEYS[n + 1], ARGV[3]) end
return 1
`;

const DAY_MS = 86_400_000;

/**
 * The ceiling on mail that public actions send to an address the caller names, so nobody can use
 * the campaign's domain to flood someone's inbox: at most MAIL_CAP_PER_KIND emails of each kind
 * (join, sign-in, petition…) per MAIL_CAP_WINDOW_SECONDS and MAIL_CAP_PER_DAY in all per day, to
 * one address, counted in Redis across every client address and api replica. Past it the caller
 * answers exactly as usual and sends nothing (the person's submission is still kept).
 *
 * Counters are keyed by a keyed hash of the address's canonical form (dots and +tags where the
 * provider ignores them), never the address. Call it where the email is added, once per email.
 */
@Injectable()
export class AddressMailCap {
  private readonly logger = new Logger(AddressMailCap.name);

  constructor(
    private readonly redis: RedisClient,
    private readonly hasher: AddressHasher,
    private readonly config: AppConfig,
  ) {}

  /** Counts one email of `kind` to `address`; false when over a cap (send nothing, answer as usual). */
  async allows(kind: string, address: string): Promise<boolean> {
    const hashes = this.hasher.emailAddressCandidates(address, 'mail-cap');
    const { perKind, windowSeconds, perDay } = this.config.mailCap;
    try {
      const allowed = await this.redis.eval(
        COUNT_IF_UNDER,
        hashes.length * 2,
        ...hashes.map((hash) => `mailcap:${kind}:${hash}`),
        ...hashes.map((hash) => `mailcap:all:${hash}`),
        windowSeconds * 1000,
        perKind,
        DAY_MS,
        perDay,
        hashes.length,
      );
      return Number(allowed) === 1;
    } catch (error) {
      // Without Redis the email goes: a person's confirmation link matters more than the ceiling,
      // and the per-client limits (also in Redis) are what stand in front of this.
      this.logger.warn(`Mail cap unavailable, sending (${kind}): ${(error as Error).message}`);
      return true;
    }
  }
}
