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

/**
 * Whether two addresses may reach the same person, for permission checks that must fail safe
 * ("another organiser must decide on your own pledge"): equal in canonical form, or equal once a
 * `+tag` is taken off at any provider (many deliver `name+tag@` to `name@`). Never use it to merge
 * people: it can say yes for two different people, which only asks for a second pair of eyes.
 */
export function mayBeSamePerson(a: string, b: string): boolean {
  const loose = (email: string): string => {
    const canonical = canonicalEmail(email);
    const at = canonical.lastIndexOf('@');
    return `${canonical.slice(0, at).split('+')[0]}${canonical.slice(at)}`;
  };
  return canonicalEmail(a) === canonicalEmail(b) || loose(a) === loose(b);
}
