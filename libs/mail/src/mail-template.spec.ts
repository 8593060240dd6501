import { defineMailTemplate } from './mail-template';
import { isPermanentFailure, retryDelayMs } from './mail-delivery.service';

describe('defineMailTemplate', () => {
  const template = defineMailTemplate<{ name: string; link: string }>({
    name: 'test',
    subject: 'Hello {{name}}\nBcc: someone@example.org',
    text: 'Hi {{name}}, open {{link}}',
    html: '<p>Hi {{name}}, <a href="{{link}}">open</a></p>',
  });

  it('escapes HTML in the HTML body only', () => {
    const mail = template.render({ name: '<b>Ann & Co</b>', link: 'https://crm.test/x?a=1&b=2' });
    expect(mail.text).toBe('Hi <b>Ann & Co</b>, open https://crm.test/x?a=1&b=2');
    expect(mail.html).toContain('Hi &lt;b&gt;Ann &amp; Co&lt;/b&gt;');
    expect(mail.html).toContain('href="https://crm.test/x?a&#x3D;1&amp;b&#x3D;2"');
  });

  it('keeps the subject on one line (no header injection)', () => {
    expect(template.render({ name: 'Ann', link: '' }).subject).toBe('Hello Ann Bcc: someone@example.org');
  });

  it('refuses to render with a missing parameter', () => {
    expect(() => template.render({ name: 'Ann' } as { name: string; link: string })).toThrow(/link/);
  });
});

describe('isPermanentFailure', () => {
  it('treats SMTP 5xx as permanent and 4xx or network errors as temporary', () => {
    expect(isPermanentFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentFailure({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles for MAIL_RETRY_ATTEMPTS attempts, then stays at its largest (never gives up)', () => {
    const config = { retryDelayMs: 15_000, retryAttempts: 8 };
    expect([1, 2, 3, 8, 9, 100].map((attempts) => retryDelayMs(attempts, config))).toEqual([
      15_000, 30_000, 60_000, 1_920_000, 1_920_000, 1_920_000,
    ]);
  });
});
