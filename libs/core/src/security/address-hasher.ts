import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { AppConfig } from '../config/app-config';
import { canonicalEmail } from '../validation/canonical-email';

/**
 * The group a client address is limited as: an IPv4 address itself, an IPv6 address by its /64
 * (one household or phone usually holds a whole /64).
 */
export function clientGroup(address: string): string {
  if (!ipaddr.isValid(address)) {
    // Not an address (a test client, a proxy that sent nothing usable): limited as itself.
    return address;
  }
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes IPv4
  if (parsed.kind() === 'ipv4') {
    return parsed.toString();
  }
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${network.map((part) => part.toString(16)).join(':')}::/64`;
}

/**
 * Keyed hashes (HMAC-SHA-256 with ADDRESS_HASH_KEY) of the addresses we keep or count by: client
 * (IP) addresses, and email addresses in mail counters. There are only four billion IPv4 addresses,
 * so a plain hash of one is reversed in minutes; without the key, these cannot be. Each use has its
 * own label, so a hash from one place never matches one from another.
 *
 * Rotation: set ADDRESS_HASH_PREVIOUS_KEY to the old key and ADDRESS_HASH_KEY to a new one. New
 * hashes use the new key; lookups (`…Candidates`) also try the old one, so limits carry across.
 */
@Injectable()
export class AddressHasher {
  private readonly keys: string[];

  constructor(config: AppConfig) {
    const { current, previous } = config.addressHashKeys;
    this.keys = previous && previous !== current ? [current, previous] : [current];
  }

  /** The hash of a client address's group (IPv4 address, IPv6 /64) under the current key. */
  clientAddress(address: string, label = 'client-address'): string {
    return this.clientAddressCandidates(address, label)[0];
  }

  /** The hashes under the current key and, during a rotation, the previous one (current first). */
  clientAddressCandidates(address: string, label = 'client-address'): string[] {
    return this.hashes(label, clientGroup(address));
  }

  /** The hashes of an email address's canonical form (current key first). */
  emailAddressCandidates(email: string, label = 'email-address'): string[] {
    return this.hashes(label, canonicalEmail(email));
  }

  /** A keyed hash of any text that identifies a person or a client (current key, then previous). */
  hashes(label: string, value: string): string[] {
    return this.keys.map((key) => createHmac('sha256', key).update(`${label}\u0000${value}`).digest('hex'));
  }
}
