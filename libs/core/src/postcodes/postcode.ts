/**
 * UK postcodes: the outward code (area letters, district digits, optional letter) and the inward
 * code (digit + two letters), e.g. "EH1 1AA", "G2 3DB", "KY16 9AJ", "DD1 4HN".
 * Also accepts the special cases the format allows (e.g. "GIR 0AA" is not Scottish and not needed).
 */
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;

/** "eh1  1aa" → "EH1 1AA"; null when it is not a UK postcode. */
export function normalisePostcode(input: string): string | null {
  const match = POSTCODE.exec(input.trim().toUpperCase().replace(/\s+/g, ' '));
  return match ? `${match[1]} ${match[2]}` : null;
}

/** The district (outward code) of a normalised postcode: "KY16 9AJ" → "KY16". */
export function postcodeDistrict(postcode: string): string {
  return postcode.split(' ')[0];
}

/** The area (leading letters) of a normalised postcode: "KY16 9AJ" → "KY". */
export function postcodeArea(postcode: string): string {
  return /^[A-Z]+/.exec(postcode)?.[0] ?? '';
}
