import { defineMailTemplate } from '@app/mail';

export const dataExportTemplate = defineMailTemplate<{ fullName: string; link: string }>({
  name: 'data-export',
  subject: 'Your data',
  text: `Hello {{fullName}},

You asked for a copy of everything the campaign holds about you. Download it (a JSON file) within
24 hours from:

{{link}}

If you did not ask, you can ignore this email; the link stops working after 24 hours.
`,
  html: `<p>Hello {{fullName}},</p>
<p>You asked for a copy of everything the campaign holds about you. Download it (a JSON file) within 24 hours:</p>
<p><a href="{{link}}">Download my data</a></p>
<p>If you did not ask, you can ignore this email; the link stops working after 24 hours.</p>`,
});

export const erasureTemplate = defineMailTemplate<{ fullName: string; link: string }>({
  name: 'erasure-confirmation',
  subject: 'Confirm that we should erase your data',
  text: `Hello {{fullName}},

You asked us to erase everything the campaign holds about you. This cannot be undone. To confirm,
open this link within 24 hours and press the button:

{{link}}

If you did not ask, ignore this email and nothing will change.
`,
  html: `<p>Hello {{fullName}},</p>
<p>You asked us to erase everything the campaign holds about you. This cannot be undone. To confirm, open this link within 24 hours and press the button:</p>
<p><a href="{{link}}">Erase my data</a></p>
<p>If you did not ask, ignore this email and nothing will change.</p>`,
});
