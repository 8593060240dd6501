import { DataSource } from 'typeorm';
import { Mailing, MailingsModule, MailingsService } from '@app/mailings';
import { createBranch, createMember, createOpenPetition } from '../factories';
import { createEvent } from '../factories/events';
import { DomainHarness, reasonOf } from '../support/domain-harness';

/** Mailings through their service alone: what writing and scheduling one refuses, with its reason. */
describe('mailings (domain services, real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let mailings: MailingsService;

  beforeAll(async () => {
    harness = await DomainHarness.start([MailingsModule]);
    db = harness.db;
    mailings = harness.get(MailingsService);
  });
  afterAll(() => harness.stop());

  it('refuses raw HTML, another branch’s event or petition as the audience, and a time in the past', async () => {
    const branch = await createBranch(db);
    const other = await createBranch(db);
    const organiser = await createMember(db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    const actor = DomainHarness.organiser(organiser.id, branch.id);
    const mailing = {
      branchId: branch.id,
      subject: 'Naloxone training next week',
      body: 'Hello {{member.firstName}}, come and learn to use naloxone.',
    };

    expect(await reasonOf(mailings.create(actor, { ...mailing, body: 'Hello <b>there</b>' }))).toBe(
      'BAD_USER_INPUT/MAILING_CONTENT_NOT_ACCEPTED',
    );
    const theirEvent = await createEvent(db, { branchId: other.id });
    expect(await reasonOf(mailings.create(actor, { ...mailing, audience: { eventId: theirEvent.id } }))).toBe(
      'BAD_USER_INPUT/AUDIENCE_EVENT_NOT_ALLOWED',
    );
    const theirPetition = await createOpenPetition(db, { branchId: other.id });
    expect(
      await reasonOf(mailings.create(actor, { ...mailing, audience: { petitionId: theirPetition.id } })),
    ).toBe('BAD_USER_INPUT/AUDIENCE_PETITION_NOT_ALLOWED');
    expect(await db.getRepository(Mailing).countBy({ branchId: branch.id })).toBe(0);

    const draft = await mailings.create(actor, mailing);
    expect(await reasonOf(mailings.schedule(actor, draft.id, new Date(Date.now() - 60_000)))).toBe(
      'BAD_USER_INPUT/SEND_AT_IN_PAST',
    );
    expect(await db.getRepository(Mailing).findOneByOrFail({ id: draft.id })).toMatchObject({
      status: 'DRAFT',
    });
  });
});
