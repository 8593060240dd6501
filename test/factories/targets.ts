import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Target } from '@app/targets';

/**
 * A target letters can go to: by default an institution (not an MSP, so no constituency or region
 * is needed); override `kind`, `constituencyCode` or `regionCode` for MSPs.
 */
export async function createTarget(db: DataSource, overrides: Partial<Target> = {}): Promise<Target> {
  const id = randomBytes(4).toString('hex');
  return db.getRepository(Target).save({
    kind: 'INSTITUTION',
    name: `Minister ${id}`,
    title: 'Minister for Drugs and Alcohol Policy',
    organisation: 'Scottish Government',
    email: `minister-${id}@gov.example.org`,
    party: null,
    constituencyCode: null,
    regionCode: null,
    branchId: null,
    active: true,
    deliveryStatus: 'OK',
    ...overrides,
  });
}
