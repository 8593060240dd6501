import { defineMailTemplate } from '@app/mail';

/** A mailing as one person gets it: subject, text and HTML already rendered (and sanitised). */
export const mailingTemplate = defineMailTemplate<{ subject: string; text: string; html: string }>({
  name: 'mailing',
  subject: '{{subject}}',
  text: '{{text}}',
  html: '{{{html}}}',
});

/** The organiser's test copy: the same, marked TEST, and never counted in the mailing's figures. */
export const mailingTestTemplate = defineMailTemplate<{ subject: string; text: string; html: string }>({
  name: 'mailing-test',
  subject: '[TEST] {{subject}}',
  text: 'TEST: only you got this copy. The unsubscribe link in a test does nothing.\n\n{{text}}',
  html: '<p style="background:#fff3cd;padding:0.5rem"><strong>TEST</strong>: only you got this copy. The unsubscribe link in a test does nothing.</p>{{{html}}}',
});

/** To a mailing's organisers when it paused itself. */
export const mailingPausedTemplate = defineMailTemplate<{
  fullName: string;
  subject: string;
  failures: number;
}>({
  name: 'mailing-paused',
  subject: 'Your mailing “{{subject}}” has paused itself',
  text: `Hello {{fullName}},

The mailing “{{subject}}” has paused itself: the last {{failures}} messages in a row were refused
by the mail servers they went to. Nothing more goes out until someone resumes it.

A run of refusals usually means a problem with our sending (the mail provider, its limits) rather
than with the people on the list. Please check with whoever runs the campaign's email before you
resume it.
`,
  html: `<p>Hello {{fullName}},</p>
<p>The mailing “{{subject}}” has paused itself: the last {{failures}} messages in a row were refused by
the mail servers they went to. Nothing more goes out until someone resumes it.</p>
<p>A run of refusals usually means a problem with our sending (the mail provider, its limits) rather than
with the people on the list. Please check with whoever runs the campaign's email before you resume it.</p>`,
});
