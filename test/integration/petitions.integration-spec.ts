import { DataSource } from 'typeorm';
import { PetitionsModule, PetitionsService, Signature, SignaturesService } from '@app/petitions';
import { ClientAddressRetention, PetitionSchedulesModule } from '@app/petitions';
import { createBranch, createMember, createOpenPetition } from '../factories';
import { DomainHarness, reasonOf } from '../support/domain-harness';
import { tokenFromMail } from '../support/test-system';

/** The petitions rules through their services alone: state machine, limits, counting, retention. */
describe('petitions (domain services, real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let petitions: PetitionsService;
  let signatures: SignaturesService;

  beforeAll(async () => {
    harness = await DomainHarness.start([PetitionsModule, PetitionSchedulesModule], {
      PETITION_BURST_LIMIT: '3',
      PETITION_HOURLY_LIMIT: '50',
      REPEAT_WINDOW_SECONDS: '0',
    });
    db = harness.db;
    petitions = harness.get(PetitionsService);
    signatures = harness.get(SignaturesService);
  });
  afterAll(() => harness.stop());

  const signer = (slug: string, n: number) => ({
    petitionSlug: slug,
    fullName: `Signer ${n}`,
    email: `signer-${n}@example.org`,
    postcode: 'DD1 1AA',
    emailOptIn: false,
    showName: false,
  });

  const linkFor = async (email: string): Promise<string> => {
    const [row] = await db.query<Array<{ text_body: string }>>(
      `SELECT text_body FROM outbox_message WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    return tokenFromMail(row.text_body, '/petitions/confirm');
  };

  it('moves DRAFT → OPEN → CLOSED → DELIVERED one step at a time, with stable reasons', async () => {
    const branch = await createBranch(db);
    const organiser = await createMember(db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    const actor = DomainHarness.organiser(organiser.id, branch.id);
    const draft = await petitions.create(actor, {
      slug: `steps-${branch.id.slice(0, 8)}`,
      title: 'Drug checking in Dundee',
      summary: 'So people who use drugs can stay safer.',
      body: 'We call on the council.',
      targetName: 'Dundee City Council',
      goal: 10,
      branchId: branch.id,
    });
    expect(draft.status).toBe('DRAFT');
    expect(await reasonOf(petitions.move(actor, draft.id, 'close'))).toBe('CONFLICT/INVALID_STEP');
    await petitions.move(actor, draft.id, 'open');
    expect(await reasonOf(petitions.update(actor, { id: draft.id, title: 'New words' }))).toBe(
      'CONFLICT/PETITION_WORDING_FIXED',
    );
    await petitions.update(actor, { id: draft.id, goal: 20 });
    await petitions.move(actor, draft.id, 'close');
    expect(await reasonOf(petitions.update(actor, { id: draft.id, goal: 30 }))).toBe(
      'CONFLICT/PETITION_LOCKED',
    );
    const delivered = await petitions.move(actor, draft.id, 'deliver', { at: new Date(), note: 'Handed in' });
    expect(delivered).toMatchObject({ status: 'DELIVERED', goal: 20, deliveryNote: 'Handed in' });

    // Another branch's organiser cannot see it exists; nobody but admins starts a national one.
    const other = await createBranch(db);
    const outsider = DomainHarness.organiser(organiser.id, other.id);
    expect(await reasonOf(petitions.getManaged(outsider, draft.id))).toBe('NOT_FOUND/NOT_FOUND');
    expect(
      await reasonOf(
        petitions.create(outsider, {
          slug: 'national',
          title: 'T',
          summary: 'S',
          body: 'B',
          targetName: 'X',
          goal: 5,
        }),
      ),
    ).toBe('FORBIDDEN/NOT_YOUR_BRANCH');
  });

  it('keeps signatures past the burst limit from one address as SUSPECT, unconfirmable and uncounted', async () => {
    const petition = await createOpenPetition(db);
    for (let n = 0; n < 5; n += 1) {
      await signatures.sign(signer(petition.slug, 100 + n), '203.0.113.9');
    }
    const rows = await db
      .getRepository(Signature)
      .find({ where: { petitionId: petition.id }, order: { fullName: 'ASC' } });
    expect(rows.map((r) => r.status)).toEqual(['PENDING', 'PENDING', 'PENDING', 'SUSPECT', 'SUSPECT']);
    // No mail for the suspect ones: nothing to confirm them with.
    const [{ mails }] = await db.query<Array<{ mails: number }>>(
      `SELECT count(*)::int AS mails FROM outbox_message WHERE to_address LIKE 'signer-10_@example.org'`,
    );
    expect(mails).toBe(3);
    // Another address is not held back by this one's burst.
    await signatures.sign(signer(petition.slug, 200), '198.51.100.1');
    expect(await db.getRepository(Signature).countBy({ petitionId: petition.id, status: 'PENDING' })).toBe(4);
  });

  it('counts a signature once however many times its link is followed at once', async () => {
    const petition = await createOpenPetition(db);
    await signatures.sign(signer(petition.slug, 300), '192.0.2.30');
    const token = await linkFor('signer-300@example.org');
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => reasonOf(signatures.confirm(token))));
    expect(outcomes.sort()).toEqual([
      ...Array.from({ length: 5 }, () => 'BAD_USER_INPUT/LINK_EXPIRED'),
      'no error: it went through',
    ]);
    const [{ count }] = await db.query<Array<{ count: number }>>(
      'SELECT coalesce(sum(count), 0)::int AS count FROM petition_count WHERE petition_id = $1',
      [petition.id],
    );
    expect(count).toBe(1);
  });

  it('refuses signatures once a petition has closed, and confirmations too', async () => {
    const petition = await createOpenPetition(db);
    await signatures.sign(signer(petition.slug, 400), '192.0.2.40');
    const token = await linkFor('signer-400@example.org');
    await db.query(`UPDATE petition SET status = 'CLOSED' WHERE id = $1`, [petition.id]);
    expect(await reasonOf(signatures.sign(signer(petition.slug, 401), '192.0.2.41'))).toBe(
      'BAD_USER_INPUT/PETITION_NOT_OPEN',
    );
    expect(await reasonOf(signatures.confirm(token))).toBe('BAD_USER_INPUT/LINK_EXPIRED');
  });

  it('forgets client-address hashes after a week, and only then', async () => {
    const petition = await createOpenPetition(db);
    await signatures.sign(signer(petition.slug, 500), '192.0.2.50');
    await signatures.sign(signer(petition.slug, 501), '192.0.2.51');
    await db.query(
      `UPDATE signature SET created_at = now() - interval '8 days' WHERE email = 'signer-500@example.org'`,
    );
    const retention = harness.get(ClientAddressRetention);
    expect(await retention.forgetOld()).toBe(1);
    expect(await retention.forgetOld()).toBe(0);
    const rows = await db
      .getRepository(Signature)
      .find({ where: { petitionId: petition.id }, order: { email: 'ASC' } });
    expect(rows.map((r) => r.ipHash === null)).toEqual([true, false]);
  });
});
