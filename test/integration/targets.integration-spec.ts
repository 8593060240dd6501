import { Readable } from 'node:stream';
import { TargetsImportService, TargetsModule, TargetsService } from '@app/targets';
import { createMember } from '../factories';
import { DomainHarness, reasonOf } from '../support/domain-harness';

/** Targets and geography through their services alone: the refusals clients switch on. */
describe('targets (domain services, real database)', () => {
  let harness: DomainHarness;

  beforeAll(async () => {
    harness = await DomainHarness.start([TargetsModule]);
  });
  afterAll(() => harness.stop());

  const csv = (text: string) => Readable.from([text]);

  it('refuses postcodes before any geography set is active, or for a set that does not exist', async () => {
    const imports = harness.get(TargetsImportService);
    const postcodes = 'postcode,constituency_code\nEH1 1AA,S16000104\n';
    expect(await reasonOf(imports.importPostcodes(csv(postcodes)))).toBe(
      'BAD_USER_INPUT/NO_ACTIVE_GEOGRAPHY_SET',
    );
    expect(await reasonOf(imports.importPostcodes(csv(postcodes), 'nowhere'))).toBe(
      'BAD_USER_INPUT/UNKNOWN_GEOGRAPHY_SET',
    );
    const targets = harness.get(TargetsService);
    expect(await reasonOf(targets.representatives('not a postcode'))).toBe('BAD_USER_INPUT/NOT_A_POSTCODE');
    // A postcode, but no active set places it.
    expect(await reasonOf(targets.representatives('EH1 1AA'))).toBe('BAD_USER_INPUT/POSTCODE_NOT_RECOGNISED');
    expect(await harness.db.query('SELECT count(*)::int AS n FROM postcode_constituency')).toEqual([
      { n: 0 },
    ]);
  });

  it('lists targets for admins only', async () => {
    const targets = harness.get(TargetsService);
    const organiser = await createMember(harness.db);
    const asOrganiser = DomainHarness.organiser(organiser.id, '00000000-0000-4000-8000-000000000000');
    // It refuses before it starts (a plain throw, not a rejected promise).
    const refused = (async () => targets.list(asOrganiser, { first: 10 }, (t) => t.id))();
    expect(await reasonOf(refused)).toBe('FORBIDDEN/ADMINS_ONLY');
    const listed = await targets.list(DomainHarness.admin(organiser.id), { first: 10 }, (t) => t.id);
    expect(listed.totalCount).toBe(0);
  });
});
