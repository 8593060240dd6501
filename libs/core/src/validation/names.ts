const FORMULA_START = /^[=+\-@]/;
const URL_LIKE = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|org|net|uk|io|ru|xyz|info|biz|co)\b)/i;

/** Why a name given by the public (a signer, a letter writer) is refused, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (FORMULA_START.test(name)) {
    return 'must not start with = + - or @';
  }
  if (URL_LIKE.test(name)) {
    return 'must not contain a web address';
  }
  // A letter writer's name is the display name of the letter's From: no address look-alikes.
  if (/[<>@"\\]/.test(name)) {
    return 'must not contain < > @ " or \\';
  }
  return null;
}
