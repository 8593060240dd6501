import { BadUserInputError } from '@app/core';
import type { KnownAddress } from './member.repository';
import { importColumns, ImportRow, newImportReport, planBatch, readImportRow } from './member-csv-import';

describe('importColumns', () => {
  it('reads the usual names for our columns', () => {
    expect(importColumns([' Name ', 'Email address', 'Opt-in', 'Post code', 'TAGS'])).toEqual([
      'full_name',
      'email',
      'email_opt_in',
      'post_code',
      'tags',
    ]);
  });

  it('refuses a first line without email and full name, with a reason', () => {
    let thrown: unknown;
    try {
      importColumns(['postcode']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadUserInputError);
    expect(thrown).toMatchObject({
      message: 'The first line must name the columns; missing: email, full_name.',
      reason: 'IMPORT_COLUMNS_MISSING',
      fields: [{ field: 'header', message: 'missing email, full_name' }],
    });
  });
});

describe('readImportRow', () => {
  it('reads a full row', () => {
    expect(
      readImportRow(
        {
          email: ' Ada@Example.org ',
          full_name: ' Ada Lovelace ',
          postcode: 'ky169aj',
          email_opt_in: 'Yes',
          tags: 'Canvass; leaflets,canvass',
        },
        2,
      ),
    ).toEqual({
      line: 2,
      email: 'Ada@Example.org',
      key: 'ada@example.org',
      fullName: 'Ada Lovelace',
      postcode: 'KY16 9AJ',
      optIn: true,
      tags: ['canvass', 'leaflets'],
    });
  });

  it('leaves consent unsaid for an empty cell', () => {
    expect(readImportRow({ email: 'a@example.org', full_name: 'A' }, 3)).toMatchObject({
      optIn: null,
      postcode: null,
      tags: [],
    });
  });

  it.each([
    [{ email: 'not an address', full_name: 'A' }, 'email is not an email address'],
    [{ email: 'a@example.org', full_name: '' }, 'full_name must be 1 to 200 characters'],
    [{ email: 'a@example.org', full_name: 'A', postcode: 'nowhere' }, 'postcode is not a UK postcode'],
    [{ email: 'a@example.org', full_name: 'A', email_opt_in: 'maybe' }, 'email_opt_in must be yes or no'],
    [
      { email: 'a@example.org', full_name: 'A', tags: 'Bad!' },
      'tags must be lower-case words separated by ";"',
    ],
    [{ email: 'a@example.org', full_name: 'A\u0000' }, 'a cell holds a NUL character'],
  ])('refuses %j', (record, reason) => {
    expect(readImportRow(record, 4)).toBe(reason);
  });
});

describe('newImportReport', () => {
  it('counts every rejection but lists only the first thousand', () => {
    const { report, reject } = newImportReport();
    for (let line = 1; line <= 1005; line += 1) {
      reject(line, 'bad');
    }
    expect(report.rejectedCount).toBe(1005);
    expect(report.rejected).toHaveLength(1000);
  });
});

describe('planBatch', () => {
  const row = (email: string, optIn: boolean | null = null): ImportRow => ({
    line: 1,
    email,
    key: email.toLowerCase(),
    fullName: 'Someone',
    postcode: null,
    optIn,
    tags: [],
  });
  const known = (key: string, branchId: string | null, emailOptIn = true, id = key): KnownAddress => ({
    id,
    key,
    branch_id: branchId,
    email_opt_in: emailOptIn,
    provisional: false,
  });

  it('updates the branch’s own records, adds provisional ones for addresses held elsewhere, and new ones', () => {
    const plan = planBatch(
      [row('Here@example.org', false), row('there@example.org'), row('new@example.org')],
      [known('here@example.org', 'b1'), known('there@example.org', 'b2')],
      'b1',
    );
    expect(plan.toUpdate).toEqual([
      expect.objectContaining({ key: 'here@example.org', id: 'here@example.org', optedOut: true }),
    ]);
    expect(plan.toAddProvisional.map((r) => r.key)).toEqual(['there@example.org']);
    expect(plan.toInsert.map((r) => r.key)).toEqual(['new@example.org']);
  });

  it('updates the first record the branch holds (the person’s own record comes first)', () => {
    const plan = planBatch(
      [row('a@example.org')],
      [known('a@example.org', 'b1', false, 'own'), known('a@example.org', 'b1', true, 'provisional')],
      'b1',
    );
    expect(plan.toUpdate).toEqual([expect.objectContaining({ id: 'own', optedOut: false })]);
  });
});
