import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LetterCampaign, LetterCampaignTarget } from '@app/letters';

export const LETTER_SUBJECT = 'Drug checking in {{constituency.name}}';
export const LETTER_BODY = `Dear {{target.name}},

I live in {{constituency.name}} ({{supporter.postcode}}). Please support drug checking services so
that people who use drugs can stay safer.

Yours sincerely,
{{supporter.fullName}}`;

/**
 * An open letter campaign (as if created and opened by an organiser); to the writer's 8 MSPs by
 * default. Override `status` (and `openedAt`) for a draft or closed one.
 */
export async function createOpenLetterCampaign(
  db: DataSource,
  overrides: Partial<LetterCampaign> & { targetIds?: string[] } = {},
): Promise<LetterCampaign> {
  const { targetIds = [], ...fields } = overrides;
  const id = randomBytes(4).toString('hex');
  const campaign = await db.getRepository(LetterCampaign).save({
    slug: `letters-${id}`,
    title: `Ask your MSPs to back drug checking ${id}`,
    branchId: null,
    targeting: 'MY_MSPS',
    subjectTemplate: LETTER_SUBJECT,
    bodyTemplate: LETTER_BODY,
    requirePersonalisation: false,
    status: 'OPEN',
    openedAt: new Date(),
    ...fields,
  });
  if (targetIds.length > 0) {
    await db
      .getRepository(LetterCampaignTarget)
      .insert(targetIds.map((targetId) => ({ campaignId: campaign.id, targetId })));
  }
  return campaign;
}
