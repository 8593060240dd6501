import { parse } from 'csv-parse/sync';
import { csvSafe, csvWriter } from './csv-safety';

describe('csvSafe', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+441234', `'+441234`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
  ])('neutralises %p', (input, expected) => {
    expect(csvSafe(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    expect(csvSafe('Morag Brown')).toBe('Morag Brown');
    expect(csvSafe('')).toBe('');
  });
});

describe('csvWriter', () => {
  async function written(rows: unknown[][]): Promise<string> {
    const csv = csvWriter(['name', 'count']);
    let text = '';
    csv.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const done = new Promise((resolve) => csv.on('end', resolve));
    for (const row of rows) {
      csv.write(row);
    }
    csv.end();
    await done;
    return text;
  }

  it('keeps CR, LF, semicolons, commas and backslashes inside their cell', async () => {
    const values = ['a\r\nb', 'c\nd', 'e\rf', 'g;=1+1', 'h,=2', 'i\\', 'j\\"k', 'tab\tthere'];
    const text = await written(values.map((v) => [v, 1]));
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows.map((r) => r.name)).toEqual(values);
    // A spreadsheet splitting on semicolons or tabs still sees one quoted cell.
    for (const line of text.split('\n').filter((l) => /[;\t\\]/.test(l))) {
      expect(line.startsWith('"')).toBe(true);
    }
  });

  it('makes every text cell formula-safe, once', async () => {
    const text = await written([
      ['=cmd|calc', 2],
      [csvSafe('+1'), 3],
    ]);
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toEqual([
      { name: `'=cmd|calc`, count: '2' },
      { name: `'+1`, count: '3' },
    ]);
  });
});
