import { Readable } from 'node:stream';
import { BadUserInputError } from '@app/core';
import {
  csvRows,
  geographyShapeWarning,
  mspShapeProblem,
  readGeographyRow,
  readImportRow,
  readPostcodeRow,
} from './targets-import-rows';

const BRANCHES = new Map([['glasgow', 'branch-1']]);

describe('readImportRow', () => {
  const row = (values: Record<string, string>): Record<string, string> => ({
    kind: 'institution',
    name: 'The Board',
    email: 'board@example.org',
    ...values,
  });

  it('reads a target, with the branch by slug', () => {
    expect(
      readImportRow(
        row({
          title: 'Chair',
          organisation: 'NHS',
          party: '',
          constituency_code: '',
          region_code: '',
          branch_slug: 'glasgow',
        }),
        BRANCHES,
      ),
    ).toEqual({
      kind: 'INSTITUTION',
      name: 'The Board',
      title: 'Chair',
      organisation: 'NHS',
      email: 'board@example.org',
      party: null,
      constituencyCode: null,
      regionCode: null,
      branchId: 'branch-1',
    });
    expect(readImportRow(row({}), BRANCHES)).toMatchObject({ title: '', organisation: '', branchId: null });
  });

  it('says why a row is rejected', () => {
    const problem = (values: Record<string, string>): unknown =>
      (readImportRow(row(values), BRANCHES) as { problem?: string }).problem;
    expect(problem({ kind: 'king' })).toMatch(/^kind must be one of MSP_CONSTITUENCY, MSP_REGIONAL, /);
    expect(problem({ name: '' })).toBe('name is required');
    expect(problem({ email: 'board' })).toBe('email is not an email address');
    expect(problem({ kind: 'MSP_CONSTITUENCY' })).toBe('a constituency MSP needs constituency_code');
    expect(problem({ kind: 'MSP_REGIONAL' })).toBe('a regional MSP needs region_code');
    expect(problem({ branch_slug: 'dundee' })).toBe('no branch dundee');
    expect(problem({ kind: 'MSP_REGIONAL', region_code: 'S17000014' })).toBeUndefined();
  });
});

describe('readGeographyRow', () => {
  it('reads a constituency and its region, or says why not', () => {
    expect(
      readGeographyRow({
        constituency_code: 'S16000074',
        constituency_name: 'Aberdeen Central',
        region_code: 'S17000014',
        region_name: 'North East Scotland',
      }),
    ).toEqual({
      constituencyCode: 'S16000074',
      constituencyName: 'Aberdeen Central',
      regionCode: 'S17000014',
      regionName: 'North East Scotland',
    });
    expect(
      readGeographyRow({
        constituency_code: 's16-74',
        constituency_name: 'Aberdeen Central',
        region_code: 'S17000014',
        region_name: 'North East Scotland',
      }),
    ).toEqual({ problem: 'codes must be letters and digits, and names must be given' });
  });

  it('warns when a set does not have Scotland’s shape', () => {
    expect(geographyShapeWarning('sp2026', { constituencies: 73, regions: 8 })).toBeNull();
    expect(geographyShapeWarning('sp2026', { constituencies: 2, regions: 1 })).toBe(
      'Set "sp2026" has 2 constituencies in 1 regions; the Scottish Parliament has 73 in 8.',
    );
  });
});

describe('readPostcodeRow', () => {
  const set = { name: 'sp2026', constituencies: new Set(['S16000074']) };

  it('normalises the postcode, and refuses unknown places and repeats', () => {
    expect(readPostcodeRow({ postcode: 'ab10 1aa', constituency_code: 'S16000074' }, set, new Set())).toEqual(
      {
        postcode: 'AB10 1AA',
        code: 'S16000074',
      },
    );
    expect(readPostcodeRow({ postcode: 'nowhere', constituency_code: 'S16000074' }, set, new Set())).toEqual({
      problem: 'postcode is not a UK postcode',
    });
    expect(readPostcodeRow({ postcode: 'AB10 1AA', constituency_code: 'S1' }, set, new Set())).toEqual({
      problem: 'no constituency S1 in set "sp2026"',
    });
    expect(
      readPostcodeRow({ postcode: 'AB101AA', constituency_code: 'S16000074' }, set, new Set(['AB10 1AA'])),
    ).toEqual({ problem: 'the same postcode again' });
  });
});

describe('mspShapeProblem', () => {
  it('is quiet with no MSPs or the Parliament’s 73 and 56', () => {
    expect(mspShapeProblem({ constituency: 0, regional: 0 })).toBeNull();
    expect(mspShapeProblem({ constituency: 73, regional: 56 })).toBeNull();
  });

  it('names the difference otherwise', () => {
    expect(mspShapeProblem({ constituency: 72, regional: 57 })).toBe(
      'There are 72 constituency and 57 regional MSPs; the Scottish Parliament has 73 and 56 (a difference of -1 and 1).',
    );
  });
});

describe('csvRows', () => {
  const read = async (text: string, required: string[]): Promise<unknown[]> => {
    const rows: unknown[] = [];
    for await (const row of csvRows(Readable.from([text]), required)) {
      rows.push(row);
    }
    return rows;
  };

  it('gives each row with its line, columns by lower-cased name', async () => {
    expect(
      await read('\uFEFFPostcode, Constituency_Code\nAB10 1AA,S1\n\n DD1 1AA , S2\n', ['postcode']),
    ).toEqual([
      { line: 2, row: { postcode: 'AB10 1AA', constituency_code: 'S1' } },
      { line: 4, row: { postcode: 'DD1 1AA', constituency_code: 'S2' } },
    ]);
  });

  it('names missing columns, and a file that is not CSV', async () => {
    await expect(read('postcode\nAB10 1AA\n', ['postcode', 'constituency_code'])).rejects.toThrow(
      'The first line must name the columns postcode,constituency_code; missing constituency_code.',
    );
    await expect(read('postcode\n"AB10 1AA\n', ['postcode'])).rejects.toBeInstanceOf(BadUserInputError);
  });
});
