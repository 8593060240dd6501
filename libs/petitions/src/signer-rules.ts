// The canonical form of an address and the name rules are shared with letters; they live in core.
export { canonicalEmail, nameProblem } from '@app/core';

/** What the public sees of a signer who chose to be shown: the first name only. */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}
