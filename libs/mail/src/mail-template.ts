import Handlebars from 'handlebars';
import { oneLine } from '@app/core';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailTemplate<P> {
  readonly name: string;
  render(params: P): RenderedMail;
}

const htmlLayout = Handlebars.compile<{ body: string; subject: string }>(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:0 auto;padding:1rem">
{{{body}}}
</body></html>
`);

/**
 * An email template: Handlebars for subject, plain text and HTML body. Text and subject are not
 * HTML-escaped; the HTML body is, and is wrapped in the common layout.
 */
export function defineMailTemplate<P extends object>(definition: {
  name: string;
  subject: string;
  text: string;
  html: string;
}): MailTemplate<P> {
  const subject = Handlebars.compile<P>(definition.subject, { noEscape: true, strict: true });
  const text = Handlebars.compile<P>(definition.text, { noEscape: true, strict: true });
  const html = Handlebars.compile<P>(definition.html, { strict: true });
  return {
    name: definition.name,
    render(params: P): RenderedMail {
      // A header: one line whatever the organiser's or supporter's text held.
      const renderedSubject = oneLine(subject(params));
      return {
        subject: renderedSubject,
        text: text(params),
        html: htmlLayout({ body: html(params), subject: renderedSubject }),
      };
    },
  };
}
