/**
 * How close a letter is to others: word shingles and MinHash. A letter's text becomes the set of its
 * overlapping runs of SHINGLE_WORDS words; a MinHash signature (SIGNATURE_SIZE numbers) estimates
 * the Jaccard similarity of two such sets as the share of positions where the signatures agree.
 * Signatures are small and stored per letter, so a new letter is compared with a bounded sample of
 * them, never with other letters' text. Pure functions, no dependencies.
 */

export const SHINGLE_WORDS = 4;
export const SIGNATURE_SIZE = 64;

/** Lower case words, punctuation and spacing ignored ("Don't" and "dont" are the same word). */
export function words(text: string): string[] {
  return runsOfLettersAndNumbers(
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/['’]/g, ''),
  );
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * `text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)`: the runs of letters and numbers, code point by
 * code point. Several times faster on the mostly ASCII text of letters (the Unicode property split
 * was most of the cost of signing a writing's eight letters); other characters are tested alone.
 */
export function runsOfLettersAndNumbers(text: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    let width = 1;
    let inWord: boolean;
    if (code < 0x80) {
      inWord =
        (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
    } else {
      const point = text.codePointAt(i)!;
      width = point > 0xffff ? 2 : 1;
      inWord = LETTER_OR_NUMBER.test(String.fromCodePoint(point));
    }
    if (inWord) {
      if (start < 0) {
        start = i;
      }
    } else if (start >= 0) {
      runs.push(text.slice(start, i));
      start = -1;
    }
    i += width;
  }
  if (start >= 0) {
    runs.push(text.slice(start));
  }
  return runs;
}

/** The set of runs of `size` consecutive words (a shorter text is one shingle of all its words). */
export function shingles(text: string, size = SHINGLE_WORDS): Set<string> {
  const list = words(text);
  const result = new Set<string>();
  if (list.length === 0) {
    return result;
  }
  if (list.length < size) {
    result.add(list.join(' '));
    return result;
  }
  for (let i = 0; i + size <= list.length; i += 1) {
    result.add(list.slice(i, i + size).join(' '));
  }
  return result;
}

/** FNV-1a, 32 bits, of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  return fnv1aFrom(0x811c9dc5, text) >>> 0;
}

/** FNV-1a's state after `text`, from `hash`. */
function fnv1aFrom(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * The FNV-1a hashes of a text's shingles, as `shingles(text)` mapped through `fnv1a`, made without
 * building the shingles' strings (a public writing signs eight letters).
 */
function shingleHashes(text: string, size = SHINGLE_WORDS): Set<number> {
  const list = words(text);
  const result = new Set<number>();
  if (list.length === 0) {
    return result;
  }
  const runs = list.length < size ? [[0, list.length]] : [];
  for (let i = 0; i + size <= list.length; i += 1) {
    runs.push([i, i + size]);
  }
  for (const [from, to] of runs) {
    let h = fnv1aFrom(0x811c9dc5, list[from]);
    for (let w = from + 1; w < to; w += 1) {
      h = fnv1aFrom(Math.imul(h ^ 0x20, 0x01000193), list[w]);
    }
    result.add(h >>> 0);
  }
  return result;
}

/** A 32-bit finaliser (murmur3's): spreads a hash mixed with a seed into an independent-looking one. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds: signatures stored today must compare with those made next year. */
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) =>
  mix(0x9e3779b9 ^ Math.imul(i + 1, 0x632be5ab)),
);

/**
 * The MinHash signature of a text: for each of SIGNATURE_SIZE hash functions, the least hash of
 * any of its shingles. An empty text has an empty signature (it resembles nothing).
 */
export function minhash(text: string): number[] {
  const set = shingles(text);
  if (set.size === 0) {
    return [];
  }
  const base = [...set].map((shingle) => fnv1a(shingle));
  // Stored as Postgres int4: shifted into the signed range.
  return SEEDS.map((seed) => {
    let least = 0xffffffff;
    for (const h of base) {
      const v = mix(h ^ seed);
      if (v < least) {
        least = v;
      }
    }
    return least - 0x80000000;
  });
}

/**
 * `texts.map(minhash)`, the same numbers, for texts that share most of their shingles (one writer's
 * letters to eight MSPs, which differ in a name or two): the shingles all of them have are hashed
 * and folded once, and each text then folds in only its own.
 */
export function minhashes(texts: readonly string[]): number[][] {
  // Sets of the shingles' hashes: a least hash is the same over a shingle's hash as over the
  // shingle, and two shingles with one hash count once either way.
  const sets = texts.map((text) => shingleHashes(text));
  if (sets.length < 2 || sets.some((set) => set.size === 0)) {
    return texts.map(minhash);
  }
  const [first, ...rest] = sets;
  const shared = new Set([...first].filter((shingle) => rest.every((set) => set.has(shingle))));
  const common = fold(new Array<number>(SIGNATURE_SIZE).fill(0xffffffff), shared);
  return sets.map((set) =>
    fold(
      [...common],
      [...set].filter((shingle) => !shared.has(shingle)),
    ).map((least) => least - 0x80000000),
  );
}

/** Folds shingles' hashes into per-seed least hashes (`least`, changed in place and returned). */
function fold(least: number[], hashes: Iterable<number>): number[] {
  for (const h of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const v = mix(h ^ SEEDS[i]);
      if (v < least[i]) {
        least[i] = v;
      }
    }
  }
  return least;
}

/** The estimated Jaccard similarity (0–1) of two texts from their signatures. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) {
    return 0;
  }
  let same = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === b[i]) {
      same += 1;
    }
  }
  return same / a.length;
}

/** How close a letter is to the closest of the others (0: unlike all of them, 1: a copy). */
export function nearCopyScore(
  signature: readonly number[],
  others: ReadonlyArray<readonly number[]>,
): number {
  let best = 0;
  for (const other of others) {
    best = Math.max(best, similarity(signature, other));
    if (best === 1) {
      break;
    }
  }
  return best;
}
