import { csvSafe } from './csv-safety';

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
