import {
  minhash,
  minhashes,
  nearCopyScore,
  runsOfLettersAndNumbers,
  shingles,
  SIGNATURE_SIZE,
  similarity,
  words,
} from './near-copy';

const TEMPLATE = `Dear Ann Smith MSP,

I live in Aberdeen Central and I am writing to ask you to support drug checking services in every
community in Scotland. Drug checking lets people who use drugs find out what is really in what they
have bought, and talk to a harm-reduction worker while they do. It saves lives and it costs little.
Please tell me what you will do to make it happen.

Yours sincerely,
Robin Writer`;

const LIGHTLY_EDITED = TEMPLATE.replace('Robin Writer', 'Sam Other').replace(
  'It saves lives and it costs little.',
  'It saves lives, and it costs very little.',
);

const OWN_WORDS = `Dear Ann Smith MSP,

Last winter my brother nearly died after taking pills that turned out to contain something nobody
expected. A friend had naloxone and called an ambulance. If there had been somewhere in Aberdeen to
test what he had, I think none of it would have happened. I would be grateful if you could visit a
service in Glasgow and see for yourself how staff there work with people.

Best wishes,
Sam Other`;

describe('near-copy scores (word shingles + MinHash)', () => {
  it('finds runs of letters and numbers as the Unicode split does, whatever the characters', () => {
    const samples = [
      TEMPLATE,
      'Dùn Dèagh, Glaschu agus Dùn Èideann: 3 bailtean! Àite-fuirich — “fàilte” – 50%',
      'naïve café 𝒜𝒷𝒸 x\u{1D7D8}y 東京 2026 ٣٤ ﬁne \uD800 lone \uDC00 surrogate',
      '',
      '   ',
      '--a--',
    ];
    // And characters drawn from all over the code space, letters, marks, digits and symbols alike.
    let seed = 7;
    for (let n = 0; n < 200; n += 1) {
      let text = '';
      for (let i = 0; i < 40; i += 1) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        const point = seed % 4 === 0 ? seed % 0x10ffff : seed % 0x3000;
        text += point >= 0xd800 && point <= 0xdfff ? ' ' : String.fromCodePoint(point);
      }
      samples.push(text);
    }
    for (const text of samples) {
      expect(runsOfLettersAndNumbers(text)).toEqual(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    }
  });

  it('signs one writer’s letters to many recipients as it signs each alone', () => {
    const toEach = ['Ann Smith', 'Bob Jones', 'Cara Ní Bhriain', 'Dev Patel'].map((name) =>
      TEMPLATE.replace('Ann Smith', name),
    );
    for (const texts of [
      toEach,
      [TEMPLATE, LIGHTLY_EDITED, OWN_WORDS],
      [TEMPLATE, ''],
      ['one two', 'one two three'],
      [TEMPLATE],
      [],
    ]) {
      expect(minhashes(texts)).toEqual(texts.map(minhash));
    }
  });

  it('reads words without case, punctuation or accents', () => {
    expect(words("Don't  STOP, café-owners!")).toEqual(['dont', 'stop', 'cafe', 'owners']);
    expect(shingles('one two three four five')).toEqual(
      new Set(['one two three four', 'two three four five']),
    );
    expect(shingles('too short')).toEqual(new Set(['too short']));
    expect(shingles('  ,, ')).toEqual(new Set());
  });

  it('gives a fixed-size signature, the same for the same words', () => {
    const a = minhash(TEMPLATE);
    expect(a).toHaveLength(SIGNATURE_SIZE);
    expect(a.every((n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31)).toBe(true);
    expect(minhash(TEMPLATE.toUpperCase().replace(/\n/g, '  '))).toEqual(a);
    expect(minhash('')).toEqual([]);
  });

  it('scores an identical letter 1', () => {
    expect(similarity(minhash(TEMPLATE), minhash(TEMPLATE))).toBe(1);
    expect(nearCopyScore(minhash(TEMPLATE), [minhash(OWN_WORDS), minhash(TEMPLATE)])).toBe(1);
  });

  it('scores a lightly edited letter high', () => {
    const score = similarity(minhash(TEMPLATE), minhash(LIGHTLY_EDITED));
    expect(score).toBeGreaterThan(0.6);
    expect(score).toBeLessThan(1);
  });

  it('scores a letter in the writer’s own words low', () => {
    expect(similarity(minhash(TEMPLATE), minhash(OWN_WORDS))).toBeLessThan(0.15);
    expect(nearCopyScore(minhash(OWN_WORDS), [minhash(TEMPLATE), minhash(LIGHTLY_EDITED)])).toBeLessThan(
      0.15,
    );
  });

  it('scores 0 with nothing to compare or an empty text', () => {
    expect(nearCopyScore(minhash(TEMPLATE), [])).toBe(0);
    expect(similarity([], minhash(TEMPLATE))).toBe(0);
  });

  it('is cheap enough for a public request: a letter against 200 stored signatures in a few ms', () => {
    const others = Array.from({ length: 200 }, (_, i) => minhash(`${OWN_WORDS} ${i}`));
    const started = performance.now();
    nearCopyScore(minhash(LIGHTLY_EDITED), others);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
