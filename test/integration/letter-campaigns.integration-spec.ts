import { DataSource } from 'typeorm';
import { Letter, LetterCampaignsService, LettersModule, LettersService } from '@app/letters';
import { createBranch, createMember } from '../factories';
import { createOpenLetterCampaign, LETTER_BODY, LETTER_SUBJECT } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { DomainHarness, reasonOf } from '../support/domain-harness';

/**
 * Letter campaigns through their services alone: templates checked when saved, the state machine,
 * scope, and what writing refuses.
 */
describe('letter campaigns (domain services, real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let campaigns: LetterCampaignsService;

  beforeAll(async () => {
    harness = await DomainHarness.start([LettersModule]);
    db = harness.db;
    campaigns = harness.get(LetterCampaignsService);
  });
  afterAll(() => harness.stop());

  it('checks templates when saved, moves DRAFT → OPEN → CLOSED once each, and keeps a closed campaign as it was', async () => {
    const branch = await createBranch(db);
    const organiser = await createMember(db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    const actor = DomainHarness.organiser(organiser.id, branch.id);
    const minister = await createTarget(db);
    const base = {
      title: 'Fund drug checking',
      branchId: branch.id,
      targeting: 'SELECTED_TARGETS' as const,
      targetIds: [minister.id],
      subjectTemplate: LETTER_SUBJECT,
      bodyTemplate: LETTER_BODY,
      requirePersonalisation: false,
    };
    expect(
      await reasonOf(
        campaigns.create(actor, { ...base, slug: 'broken', bodyTemplate: 'Dear {{target.nmae}},' }),
      ),
    ).toBe('BAD_USER_INPUT/TEMPLATE_NOT_ACCEPTED');

    const campaign = await campaigns.create(actor, { ...base, slug: `checking-${branch.id.slice(0, 8)}` });
    expect(campaign.status).toBe('DRAFT');
    expect(await reasonOf(campaigns.move(actor, campaign.id, 'close'))).toBe('CONFLICT/INVALID_STEP');
    // Two organisers opening it at once: it opens once, the other is told it no longer can.
    const opened = await Promise.allSettled([
      campaigns.move(actor, campaign.id, 'open'),
      campaigns.move(actor, campaign.id, 'open'),
    ]);
    expect(opened.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    await campaigns.move(actor, campaign.id, 'close');
    expect(await reasonOf(campaigns.update(actor, { id: campaign.id, title: 'New title' }))).toBe(
      'CONFLICT/CAMPAIGN_CLOSED',
    );

    // Another branch's organiser cannot start one for this branch.
    const other = await createBranch(db);
    expect(
      await reasonOf(
        campaigns.create(DomainHarness.organiser(organiser.id, other.id), { ...base, slug: 'elsewhere' }),
      ),
    ).toBe('FORBIDDEN/NOT_YOUR_BRANCH');
  });

  it('refuses to write with a reason: a name that is not one, a campaign not open, its own words unchanged, nobody to write to', async () => {
    const letters = harness.get(LettersService);
    const minister = await createTarget(db);
    const campaign = await createOpenLetterCampaign(db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [minister.id],
      subjectTemplate: 'Drug checking',
      bodyTemplate: 'Dear {{target.name}}, please fund drug checking. {{supporter.fullName}}',
      requirePersonalisation: true,
    });
    const writer = {
      campaignSlug: campaign.slug,
      fullName: 'Robin Writer',
      email: 'robin-writer@example.org',
      postcode: 'EH1 1AA',
      subject: 'Drug checking',
      body: 'Dear {{target.name}}, please fund drug checking. {{supporter.fullName}}',
      emailOptIn: false,
    };
    expect(await reasonOf(letters.write({ ...writer, fullName: 'Chief <chief@police.example.org>' }))).toBe(
      'BAD_USER_INPUT/NAME_NOT_ACCEPTED',
    );
    expect(await reasonOf(letters.write(writer))).toBe('BAD_USER_INPUT/PERSONALISATION_REQUIRED');

    const closed = await createOpenLetterCampaign(db, { status: 'CLOSED', closedAt: new Date() });
    expect(await reasonOf(letters.write({ ...writer, campaignSlug: closed.slug }))).toBe(
      'BAD_USER_INPUT/CAMPAIGN_NOT_OPEN',
    );

    const retired = await createTarget(db, { active: false });
    const nobody = await createOpenLetterCampaign(db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [retired.id],
      subjectTemplate: 'Drug checking',
      bodyTemplate: 'Dear {{target.name}}, please fund drug checking.',
    });
    expect(await reasonOf(letters.write({ ...writer, campaignSlug: nobody.slug }))).toBe(
      'BAD_USER_INPUT/NO_RECIPIENTS',
    );
    expect(await db.getRepository(Letter).countBy({ email: writer.email })).toBe(0);
  });
});
