import { compileMailing, MailingContentError, mailingValues } from './mailing-body';

const footer = { from: 'Dundee branch', unsubscribeLink: 'https://crm.test/mailings/unsubscribe?token=a&b' };

describe('compileMailing', () => {
  it('renders Markdown to sanitised HTML and to plain text, with the footer', () => {
    const mail = compileMailing(
      'News for {{member.firstName}}',
      '# Naloxone training\n\nHello {{member.firstName}}, *join us* at [the hall](https://example.org/hall).',
    ).render(mailingValues({ fullName: 'Ann Smith' }, 'Dundee'), footer);
    expect(mail.subject).toBe('News for Ann');
    expect(mail.html).toContain('<h1>Naloxone training</h1>');
    expect(mail.html).toContain(
      'Hello Ann, <em>join us</em> at <a href="https://example.org/hall">the hall</a>.',
    );
    expect(mail.html).toContain('href="https://crm.test/mailings/unsubscribe?token=a&amp;b"');
    expect(mail.text).toContain(
      'Naloxone training\n\nHello Ann, join us at the hall (https://example.org/hall).',
    );
    expect(mail.text).toContain(
      'Unsubscribe with one click: https://crm.test/mailings/unsubscribe?token=a&b',
    );
    expect(mail.text).toContain('Dundee branch');
  });

  it('escapes what a person’s name holds', () => {
    const mail = compileMailing('Hi', 'Hello {{member.fullName}}').render(
      mailingValues({ fullName: '<script>alert(1)</script> *x*' }, 'B'),
      footer,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; *x*');
  });

  it.each([
    ['<script>alert(1)</script>'],
    ['Hello <b onclick="x()">you</b>'],
    ['Hi\n\n<div>block</div>'],
    ['<!-- comment -->'],
  ])('refuses raw HTML: %s', (body) => {
    expect(() => compileMailing('Hi', body)).toThrow(MailingContentError);
  });

  it('drops links that are not http, https or mailto', () => {
    const mail = compileMailing('Hi', '[click](javascript:alert(1))').render(
      mailingValues({ fullName: 'A' }, 'B'),
      footer,
    );
    expect(mail.html).not.toContain('javascript:');
  });

  it('refuses unknown and broken placeholders, naming the field', () => {
    expect(() => compileMailing('Hi {{member.email}}', 'x')).toThrow(
      /unknown placeholder \{\{member.email\}\}/,
    );
    try {
      compileMailing('Hi', 'Hello {{member.firstName}');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(MailingContentError);
      expect((error as MailingContentError).field).toBe('body');
    }
  });

  it('writes the plain-text part without Markdown marks: links as "text (address)", escapes undone', () => {
    const mail = compileMailing(
      'Hi',
      [
        '## Drug checking *now*',
        'Read **the report** \\*in full\\* at [our site](https://example.org/r?a=1&b=2) or <https://example.org>.',
        '- one\n- two, with `code`',
        '1. first\n2. second',
        '> quoted',
      ].join('\n\n'),
    ).render(mailingValues({ fullName: 'Ann' }, 'B'), footer);
    const body = mail.text.split('\n\n--\n')[0];
    expect(body).toBe(
      [
        'Drug checking now',
        'Read the report *in full* at our site (https://example.org/r?a=1&b=2) or https://example.org.',
        '- one\n- two, with code',
        '1. first\n2. second',
        '> quoted',
      ].join('\n\n'),
    );
  });

  it('refuses a placeholder inside a link address, and allows one in the link text', () => {
    for (const body of [
      '[form](https://example.org/?n={{member.firstName}})',
      '<https://example.org/{{member.fullName}}>',
      '[x][ref]\n\n[ref]: https://example.org/{{branch.name}}',
    ]) {
      expect(() => compileMailing('Hi', body)).toThrow(/placeholder inside a link address/);
    }
    const mail = compileMailing('Hi', '[Hello {{member.firstName}}](https://example.org/)').render(
      mailingValues({ fullName: 'Ann Smith' }, 'B'),
      footer,
    );
    expect(mail.html).toContain('<a href="https://example.org/">Hello Ann</a>');
    expect(mail.text).toContain('Hello Ann (https://example.org/)');
  });
});
