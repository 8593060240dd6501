import { normalisePostcode, postcodeArea, postcodeDistrict } from './postcode';

describe('postcodes', () => {
  it.each([
    ['eh1 1aa', 'EH1 1AA'],
    ['EH11AA', 'EH1 1AA'],
    ['  g2   3db ', 'G2 3DB'],
    ['ky16 9aj', 'KY16 9AJ'],
    ['EC1A 1BB', 'EC1A 1BB'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each(['', 'EH1', 'not a postcode', '12345', 'EH1 1A', 'EH1 1AAA'])('refuses %p', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });

  it('splits into district and area', () => {
    expect(postcodeDistrict('KY16 9AJ')).toBe('KY16');
    expect(postcodeArea('KY16 9AJ')).toBe('KY');
    expect(postcodeArea('G2 3DB')).toBe('G');
  });
});
