import {
  LetterTemplateError,
  parseLetterTemplate,
  personalisedShare,
  sameIgnoringWhitespace,
} from './letter-template';

describe('letter templates', () => {
  it('renders the allowed placeholders', () => {
    const template = parseLetterTemplate(
      'Dear {{target.name}},\nI live in {{constituency.name}} ({{supporter.postcode}}).\n{{supporter.fullName}}',
    );
    expect(
      template.render({
        'target.name': 'Ann Smith MSP',
        'constituency.name': 'Dundee City East',
        'supporter.postcode': 'DD4 6AB',
        'supporter.fullName': 'Sam Doe',
      }),
    ).toBe('Dear Ann Smith MSP,\nI live in Dundee City East (DD4 6AB).\nSam Doe');
    expect([...template.placeholders].sort()).toEqual([
      'constituency.name',
      'supporter.fullName',
      'supporter.postcode',
      'target.name',
    ]);
  });

  it('does not escape or interpret what the values contain', () => {
    const template = parseLetterTemplate('To {{target.name}}');
    expect(template.render({ 'target.name': '<b>{{x}}</b> & co' })).toBe('To <b>{{x}}</b> & co');
  });

  it.each([
    ['an unknown placeholder', 'Dear {{target.email}}', /unknown placeholder \{\{target.email\}\}/],
    ['a helper call', '{{lookup target "name"}}', /unknown placeholder/],
    ['a block', '{{#each targets}}x{{/each}}', /only plain placeholders/],
    ['a partial', '{{> footer}}', /only plain placeholders/],
    ['a broken placeholder', 'Dear {{target.name', /broken placeholder on line 1/],
    ['prototype access', '{{constructor.name}}', /unknown placeholder/],
  ])('refuses %s', (_what, source, message) => {
    expect(() => parseLetterTemplate(source)).toThrow(LetterTemplateError);
    expect(() => parseLetterTemplate(source)).toThrow(message);
  });

  it('refuses to render without a value', () => {
    expect(() => parseLetterTemplate('{{region.name}}').render({})).toThrow(
      /no value for \{\{region.name\}\}/,
    );
  });
});

describe('personalisation', () => {
  const template = 'Dear {{target.name}}, please fund drug checking in {{constituency.name}}. Thank you.';

  it('treats whitespace-only changes as the template', () => {
    expect(sameIgnoringWhitespace(template, `  ${template.replace(/ /g, '\n  ')}\n`)).toBe(true);
    expect(sameIgnoringWhitespace(template, `${template} Really.`)).toBe(false);
  });

  it('measures the share of the supporter’s own words', () => {
    expect(personalisedShare(template, template)).toBe(0);
    const written = `${template} My friend died of an overdose last year.`;
    expect(personalisedShare(template, written)).toBeCloseTo(8 / 18, 3);
    expect(personalisedShare(template, 'Completely different words here')).toBe(1);
    expect(personalisedShare(template, '')).toBe(0);
  });
});
