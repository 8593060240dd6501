import { Redis } from 'ioredis';
import { createHash, createHmac } from 'node:crypto';
import { Petition, Signature } from '@app/petitions';
import { TestSystem } from '../support/test-system';

const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const KEY = 'current-address-hash-key-for-this-test-0001';
const PREVIOUS_KEY = 'previous-address-hash-key-for-this-test-0001';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: string, text: string): string => createHmac('sha256', key).update(text).digest('hex');

describe('client addresses are kept only as keyed hashes', () => {
  let system: TestSystem;
  let counter = 0;

  async function openPetition(): Promise<Petition> {
    counter += 1;
    return system.db.getRepository(Petition).save({
      slug: `keyed-hashes-${counter}`,
      title: 'Drug checking in every city',
      summary: 'Free, confidential drug checking services.',
      body: 'We call on the Scottish Government to fund drug checking services.',
      targetName: 'Scottish Government',
      goal: 100,
      status: 'OPEN',
    });
  }

  function sign(slug: string, n: number | string, from: string) {
    return system
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', from)
      .send({
        query: SIGN,
        variables: {
          input: {
            petitionSlug: slug,
            fullName: `Signer ${n}`,
            email: `signer-${n}-${slug}@example.org`,
            postcode: 'DD1 4HN',
            emailOptIn: false,
            showName: false,
          },
        },
      })
      .expect(200);
  }

  beforeAll(async () => {
    system = await TestSystem.start({
      worker: false,
      env: { TRUST_PROXY: '1', ADDRESS_HASH_KEY: KEY, ADDRESS_HASH_PREVIOUS_KEY: PREVIOUS_KEY },
    });
  });
  afterAll(() => system.stop());

  it('stores an HMAC of the address (IPv6 by its /64) under ADDRESS_HASH_KEY, never a plain hash', async () => {
    const petition = await openPetition();
    await sign(petition.slug, 'v4', '203.0.113.7');
    await sign(petition.slug, 'v6a', '2001:db8:1:2::5');
    await sign(petition.slug, 'v6b', '2001:db8:1:2:ffff:ffff:ffff:1');
    const rows = await system.db.getRepository(Signature).find({
      where: { petitionId: petition.id },
      order: { createdAt: 'ASC' },
    });
    const [v4, v6a, v6b] = rows.map((r) => r.ipHash);
    expect(v4).toBe(hmac(KEY, 'client-address\u0000203.0.113.7'));
    expect(v4).not.toBe(sha256('203.0.113.7'));
    expect(v6a).toBe(hmac(KEY, 'client-address\u00002001:db8:1:2::/64'));
    expect(v6b).toBe(v6a);
    for (const hash of [v4, v6a]) {
      expect([sha256('203.0.113.7'), sha256('2001:db8:1:2::/64'), sha256('2001:db8:1:2::5')]).not.toContain(
        hash,
      );
    }
  });

  it('keeps counting signatures hashed under the previous key while the key is rotated', async () => {
    const petition = await openPetition();
    const before = hmac(PREVIOUS_KEY, 'client-address\u0000198.51.100.23');
    for (let n = 0; n < 5; n += 1) {
      await system.db.getRepository(Signature).insert({
        petitionId: petition.id,
        fullName: `Earlier ${n}`,
        email: `earlier-${n}@example.org`,
        emailCanonical: `earlier-${n}@example.org`,
        status: 'PENDING',
        ipHash: before,
      });
    }
    await sign(petition.slug, 'after-rotation', '198.51.100.23');
    const row = await system.db.getRepository(Signature).findOneByOrFail({
      petitionId: petition.id,
      fullName: 'Signer after-rotation',
    });
    // Over the per-minute limit (5) counting the earlier five: kept, but as suspect.
    expect(row.status).toBe('SUSPECT');
    expect(row.ipHash).toBe(hmac(KEY, 'client-address\u0000198.51.100.23'));
  });

  it('keys the rate-limit counters in Redis with the secret too', async () => {
    const petition = await openPetition();
    await sign(petition.slug, 'throttled', '192.0.2.44');
    const prefix = process.env.REDIS_PREFIX!;
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`${prefix}:throttle:*`);
      expect(keys.length).toBeGreaterThan(0);
      // @nestjs/throttler's own key is a plain SHA-256 of the operation and the address.
      const plain = (name: string) => sha256(`PetitionsResolver-signPetition-${name}-192.0.2.44`);
      for (const name of ['default', 'public']) {
        expect(keys).not.toContain(`${prefix}:throttle:${name}:${plain(name)}:hits`);
        const keyed = hmac(KEY, `throttle:PetitionsResolver-signPetition-${name}\u0000192.0.2.44`);
        expect(keys).toContain(`${prefix}:throttle:${name}:${keyed}:hits`);
      }
    } finally {
      redis.disconnect();
    }
  });

  it('keeps recent public requests (the repeat guard) only as keyed hashes, never a plain SHA-256', async () => {
    const email = 'recent-request@example.org';
    await system.graphql('mutation($email: String!) { requestMyData(email: $email) }', { email });
    const text = `data-export\n{"email":"${email}"}`;
    const keys = (await system.db.query<Array<{ key: string }>>('SELECT key FROM recent_request')).map(
      (row) => row.key,
    );
    expect(keys).toContain(hmac(KEY, `recent-request\u0000${text}`));
    expect(keys).not.toContain(sha256(text));
  });
});
