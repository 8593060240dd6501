/** Providers known to ignore dots in the local part of an address. */
const DOTLESS = new Set(['gmail.com', 'googlemail.com']);
/** Providers known to deliver `name+tag@` to `name@`. */
const PLUS_TAGS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'icloud.com',
  'me.com',
  'fastmail.com',
  'protonmail.com',
  'proton.me',
  'yahoo.com',
  'yahoo.co.uk',
]);

/**
 * The form of an address that decides whether two signatures or letters are the same person's: lower case,
 * and where the provider ignores them, without +tags and dots (googlemail is gmail).
 */
export function canonicalEmail(email: string): string {
  const [rawLocal, rawDomain] = email
    .trim()
    .toLowerCase()
    .split(/@(?=[^@]*$)/);
  let domain = rawDomain ?? '';
  let local = rawLocal;
  if (PLUS_TAGS.has(domain)) {
    local = local.split('+')[0];
  }
  if (DOTLESS.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
