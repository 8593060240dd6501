import { icalText, oneLine, plainText } from './line-formats';

describe('icalText', () => {
  it('escapes backslash, semicolon and comma, and writes line breaks as \\n', () => {
    expect(icalText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(icalText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('never leaves a line break or control character, whatever the input', () => {
    const nasty = 'Title\r\nATTACH:http://evil\u2028X:1\u0085\u000b\f\u0000\u001b\u007f';
    const escaped = icalText(nasty);
    expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(escaped).toBe('Title\\nATTACH:http://evil\\nX:1\\n\\n\\n');
  });
});

describe('oneLine', () => {
  it('makes one line of any line breaks, dropping control characters', () => {
    expect(oneLine('  Ann \r\n  Bcc: x@example.org\u2028y\u0000 ')).toBe('Ann Bcc: x@example.org y');
    expect(oneLine('plain')).toBe('plain');
  });
});

describe('plainText', () => {
  it('keeps tabs and ordinary line breaks as \\n', () => {
    expect(plainText('a\tb\r\nc\rd')).toBe('a\tb\nc\nd');
  });
});
