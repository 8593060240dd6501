import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LetterCampaign } from '@app/letters';

const unique = (): string => randomBytes(4).toString('hex');

/** An open letter campaign to the supporter's MSPs (as if created and opened by an organiser). */
export async function createLetterCampaign(
  db: DataSource,
  overrides: Partial<LetterCampaign> = {},
): Promise<LetterCampaign> {
  const id = unique();
  return db.getRepository(LetterCampaign).save({
    slug: `letter-${id}`,
    title: `Fund drug checking ${id}`,
    branchId: null,
    targeting: 'MY_MSPS',
    subjectTemplate: 'Drug checking in {{constituency.name}}',
    bodyTemplate: 'Dear {{target.name}},\n\nPlease support drug checking.\n\n{{supporter.fullName}}',
    requirePersonalisation: false,
    status: 'OPEN',
    openedAt: new Date(),
    createdById: null,
    ...overrides,
  });
}
