import { BadUserInputError } from '@app/core';
import {
  mergeFixups,
  mspName,
  planMspImport,
  SCOTTISH_PARLIAMENT_FIXUPS,
  ScottishParliamentData,
  scottishParliamentData,
  scottishParliamentFixups,
  scottishParliamentUpload,
} from './scottish-parliament-data';

type Row = Record<string, unknown>;

/** A small Parliament: Aberdeen Central (constituency) and North East Scotland (region). */
function source(overrides: Partial<ScottishParliamentData> = {}): ScottishParliamentData {
  return {
    members: [
      { PersonID: 1, ParliamentaryName: 'Baird, Morag', PreferredName: 'Morag' },
      { PersonID: 2, ParliamentaryName: 'Cameron, Iain', PreferredName: 'Iain' },
    ],
    constituencyStatuses: [
      { PersonID: 1, ConstituencyID: 10, ValidFromDate: '2021-05-13', ValidUntilDate: null },
    ],
    regionStatuses: [{ PersonId: 2, RegionID: 20, ValidFromDate: '2021-05-13', ValidUntilDate: null }],
    constituencies: [{ ID: 10, Name: 'Aberdeen Central', ConstituencyCode: 'S16000074' }],
    regions: [{ ID: 20, Name: 'North East Scotland', RegionCode: 'S17000014' }],
    emailAddresses: [
      { PersonID: 1, Address: 'morag.baird@parliament.example.org', IsDefault: true, IsActive: true },
      { PersonID: 2, Address: 'iain.cameron@parliament.example.org', IsDefault: true, IsActive: true },
    ],
    memberParties: [
      { PersonID: 1, PartyID: 1, ValidFromDate: '2020-01-01', ValidUntilDate: null },
      { PersonID: 2, PartyID: 2, ValidFromDate: '2020-01-01', ValidUntilDate: null },
    ],
    parties: [
      { ID: 1, PreferredName: 'Scottish National Party' },
      { ID: 2, ActualName: 'Scottish Conservative and Unionist Party', PreferredName: '' },
    ],
    ...overrides,
  };
}

const GEOGRAPHY = {
  setName: 'sp2026',
  constituencies: new Set(['S16000074', 'S16000147']),
  regions: new Set(['S17000014', 'S17000017']),
};

describe('planMspImport', () => {
  it('gives one target per open seat, with name, address and party', () => {
    const plan = planMspImport(source(), {}, GEOGRAPHY);
    expect(plan.rejected).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.targets).toEqual([
      {
        line: 0,
        who: 'Morag Baird (PersonID 1)',
        fields: {
          kind: 'MSP_CONSTITUENCY',
          name: 'Morag Baird',
          title: 'MSP',
          organisation: 'Scottish Parliament',
          email: 'morag.baird@parliament.example.org',
          party: 'Scottish National Party',
          constituencyCode: 'S16000074',
          regionCode: null,
          branchId: null,
        },
      },
      {
        line: 1,
        who: 'Iain Cameron (PersonID 2)',
        fields: {
          kind: 'MSP_REGIONAL',
          name: 'Iain Cameron',
          title: 'MSP',
          organisation: 'Scottish Parliament',
          email: 'iain.cameron@parliament.example.org',
          party: 'Scottish Conservative and Unionist Party',
          constituencyCode: null,
          regionCode: 'S17000014',
          branchId: null,
        },
      },
    ]);
    expect([...plan.current]).toEqual([
      'morag.baird@parliament.example.org|MSP_CONSTITUENCY',
      'iain.cameron@parliament.example.org|MSP_REGIONAL',
    ]);
    expect(plan.knownEmails).toEqual([
      'morag.baird@parliament.example.org',
      'iain.cameron@parliament.example.org',
    ]);
  });

  it('leaves out ended seats, and reads keys in any case', () => {
    const plan = planMspImport(
      source({
        constituencyStatuses: [
          { personid: 1, constituencyid: 10, validfromdate: '2016-05-05', validuntildate: '2021-05-06' },
        ],
      }),
      {},
      GEOGRAPHY,
    );
    expect(plan.targets.map((t) => t.fields.kind)).toEqual(['MSP_REGIONAL']);
  });

  it('uses the latest of several open seats of a kind, and warns', () => {
    const plan = planMspImport(
      source({
        regionStatuses: [
          { PersonID: 2, RegionID: 99, ValidFromDate: '2016-05-05', ValidUntilDate: null },
          { PersonID: 2, RegionID: 20, ValidFromDate: '2021-05-13', ValidUntilDate: null },
        ],
      }),
      {},
      GEOGRAPHY,
    );
    expect(plan.warnings).toEqual(['PersonID 2 has 2 open region seats; the latest is used.']);
    expect(plan.targets[1].fields.regionCode).toBe('S17000014');
  });

  it('applies fix-ups by code or by the place’s ID', () => {
    const data = source({
      constituencies: [{ ID: 10, Name: 'Glasgow Provan', ConstituencyCode: 'S16000120' }],
      regions: [{ ID: 20, Name: 'Glasgow', RegionCode: 'S17000010' }],
    });
    const plan = planMspImport(data, mergeFixups(SCOTTISH_PARLIAMENT_FIXUPS, {}), GEOGRAPHY);
    expect(plan.rejected).toEqual([]);
    expect(plan.targets.map((t) => t.fields.constituencyCode ?? t.fields.regionCode)).toEqual([
      'S16000147',
      'S17000017',
    ]);
    const byId = planMspImport(
      source({ constituencies: [{ ID: 10, Name: 'Somewhere', ConstituencyCode: '' }] }),
      { constituencies: { '10': 's16000147' } },
      GEOGRAPHY,
    );
    expect(byId.targets[0].fields.constituencyCode).toBe('S16000147');
  });

  it('rejects, with the reason, seats it cannot place', () => {
    const plan = planMspImport(
      source({
        constituencies: [{ ID: 10, Name: 'Aberdeen Central', ConstituencyCode: 'S16000999' }],
        regionStatuses: [{ PersonID: 2, RegionID: 77, ValidFromDate: '2021-05-13', ValidUntilDate: null }],
      }),
      {},
      GEOGRAPHY,
    );
    expect(plan.targets).toEqual([]);
    expect(plan.rejected).toEqual([
      {
        line: 0,
        reason:
          'Morag Baird (PersonID 1): constituency Aberdeen Central has code S16000999, which is not in the active geography set "sp2026"; add a fix-up',
      },
      { line: 1, reason: 'Iain Cameron (PersonID 2): region ID 77 is not in Regions' },
    ]);
    // Still holding a seat: their targets are not made inactive for being left out.
    expect(plan.current.size).toBe(2);
  });

  it('rejects people it cannot write to', () => {
    const plan = planMspImport(
      source({
        members: [{ PersonID: 1, ParliamentaryName: '', PreferredName: '' }],
        emailAddresses: [],
      }),
      {},
      GEOGRAPHY,
    );
    expect(plan.rejected).toEqual([
      { line: 0, reason: 'A member (PersonID 1): no ParliamentaryName' },
      { line: 0, reason: 'PersonID 2 holds a seat but is not in Members' },
    ]);
    const noAddress = planMspImport(
      source({ emailAddresses: [{ PersonID: 1, Address: 'old@example.org', IsActive: false }] }),
      {},
      GEOGRAPHY,
    );
    expect(noAddress.rejected.map((r) => r.reason)).toEqual([
      'Morag Baird (PersonID 1): no active email address',
      'Iain Cameron (PersonID 2): no active email address',
    ]);
  });

  it('rejects a second MSP of a kind at the same address', () => {
    const plan = planMspImport(
      source({
        regionStatuses: [{ PersonID: 2, RegionID: 20, ValidFromDate: '2021-05-13', ValidUntilDate: null }],
        constituencyStatuses: [
          { PersonID: 1, ConstituencyID: 10, ValidFromDate: '2021-05-13', ValidUntilDate: null },
          { PersonID: 2, ConstituencyID: 10, ValidFromDate: '2021-05-13', ValidUntilDate: null },
        ],
        emailAddresses: [
          { PersonID: 1, Address: 'shared@parliament.example.org', IsDefault: true },
          { PersonID: 2, Address: 'Shared@parliament.example.org', IsDefault: true },
        ],
      }),
      {},
      GEOGRAPHY,
    );
    expect(plan.rejected).toEqual([
      { line: 1, reason: 'Iain Cameron (PersonID 2): the same email address as another MSP of this kind' },
    ]);
    expect(plan.targets.map((t) => t.fields.kind)).toEqual(['MSP_CONSTITUENCY', 'MSP_REGIONAL']);
  });

  it('warns once of a party missing from Parties, unless a fix-up names it', () => {
    const data = source({
      memberParties: [
        { PersonID: 1, PartyID: 13, ValidUntilDate: null },
        { PersonID: 2, PartyID: 13, ValidUntilDate: null },
      ],
    });
    const plan = planMspImport(data, {}, GEOGRAPHY);
    expect(plan.warnings).toEqual([
      'Party ID 13 is not in Parties; its MSPs have no party until a fix-up names it (parties: { "13": "…" }).',
    ]);
    expect(plan.targets.map((t) => t.fields.party)).toEqual([null, null]);
    const fixed = planMspImport(data, { parties: { '13': 'Reform UK' } }, GEOGRAPHY);
    expect(fixed.warnings).toEqual([]);
    expect(fixed.targets.map((t) => t.fields.party)).toEqual(['Reform UK', 'Reform UK']);
  });

  it('writes to the default active address, else the first active one', () => {
    const plan = planMspImport(
      source({
        emailAddresses: [
          { PersonID: 1, Address: 'ended@example.org', IsDefault: true, ValidUntilDate: '2020-01-01' },
          { PersonID: 1, Address: 'not an address', IsDefault: true },
          { PersonID: 1, Address: 'first@example.org', IsDefault: false },
          { PersonID: 2, Address: 'other@example.org', IsDefault: false },
          { PersonID: 2, Address: 'default@example.org', IsDefault: 'yes' },
        ],
      }),
      {},
      GEOGRAPHY,
    );
    expect(plan.targets.map((t) => t.fields.email)).toEqual(['first@example.org', 'default@example.org']);
  });
});

describe('mspName', () => {
  it('puts the forename someone goes by before the surname', () => {
    expect(mspName('Baird, Morag', 'Morag')).toBe('Morag Baird');
    expect(mspName('Smith, Elizabeth', 'Liz')).toBe('Liz Smith');
    expect(mspName('Smith, Elizabeth', '')).toBe('Elizabeth Smith');
    expect(mspName('Smith, Elizabeth', 'Liz Smith')).toBe('Liz Smith');
    expect(mspName('Morag Baird', '')).toBe('Morag Baird');
  });
});

describe('reading the Parliament’s files', () => {
  const eight = (): Row => ({
    Members: [],
    MemberElectionConstituencyStatuses: [],
    memberelectionregionstatuses: [],
    Constituencies: [],
    Regions: [],
    EmailAddresses: [],
    MemberParties: [],
    Parties: [],
  });

  it('finds the eight arrays by name, whatever the case', () => {
    expect(Object.keys(scottishParliamentData(eight())).sort()).toEqual([
      'constituencies',
      'constituencyStatuses',
      'emailAddresses',
      'memberParties',
      'members',
      'parties',
      'regionStatuses',
      'regions',
    ]);
  });

  it('names what is missing or not an array of objects', () => {
    const body = eight();
    delete body.Parties;
    body.Regions = [1, 2];
    let error: unknown;
    try {
      scottishParliamentData(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).fields).toEqual([
      { field: 'Regions', message: 'must be an array of objects' },
      { field: 'Parties', message: 'is missing' },
    ]);
  });

  it('reads a fix-up table, and refuses anything else', () => {
    expect(scottishParliamentFixups({ Constituencies: { ' S16000120 ': ' S16000147 ' } })).toEqual({
      constituencies: { S16000120: 'S16000147' },
    });
    expect(() => scottishParliamentFixups({ wards: {} })).toThrow(
      'The fix-up table may name only constituencies, regions, parties, not wards.',
    );
    expect(() => scottishParliamentFixups({ parties: { '13': 7 } })).toThrow(BadUserInputError);
    expect(() => scottishParliamentFixups([])).toThrow(BadUserInputError);
  });

  it('takes an upload as the arrays and optional fix-ups', () => {
    expect(scottishParliamentUpload({ ...eight(), fixups: null }).fixups).toEqual({});
    expect(scottishParliamentUpload({ ...eight(), fixups: { regions: { a: 'b' } } }).fixups).toEqual({
      regions: { a: 'b' },
    });
    expect(() => scottishParliamentUpload('[]')).toThrow(BadUserInputError);
  });

  it('adds fix-ups to the built-in ones, the added winning', () => {
    const merged = mergeFixups(SCOTTISH_PARLIAMENT_FIXUPS, { regions: { S17000010: 'S17000010' } });
    expect(merged.regions).toEqual({ S17000010: 'S17000010' });
    expect(merged.constituencies).toEqual(SCOTTISH_PARLIAMENT_FIXUPS.constituencies);
  });
});
