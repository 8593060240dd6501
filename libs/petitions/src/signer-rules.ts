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
 * The form of an address that decides whether two signatures are the same person's: lower case,
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

const FORMULA_START = /^[=+\-@]/;
const URL_LIKE = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|org|net|uk|io|ru|xyz|info|biz|co)\b)/i;

/** Why a signer's name is refused, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (FORMULA_START.test(name)) {
    return 'must not start with = + - or @';
  }
  if (URL_LIKE.test(name)) {
    return 'must not contain a web address';
  }
  return null;
}

/** What the public sees of a signer who chose to be shown: the first name only. */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}
