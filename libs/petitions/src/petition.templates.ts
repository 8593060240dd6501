import { defineMailTemplate } from '@app/mail';

export const confirmSignatureTemplate = defineMailTemplate<{
  fullName: string;
  title: string;
  link: string;
  subscribing: boolean;
}>({
  name: 'signature-confirmation',
  subject: 'Please confirm your signature: {{title}}',
  text: `Hello {{fullName}},

Thank you for signing "{{title}}". Your signature counts once you confirm it:

{{link}}
{{#if subscribing}}
You also asked for campaign email: confirming subscribes you too. You can unsubscribe at any time.
{{/if}}
If you did not sign, ignore this email and nothing will be counted.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Thank you for signing “{{title}}”. Your signature counts once you confirm it:</p>
<p><a href="{{link}}">Confirm my signature</a></p>
{{#if subscribing}}<p>You also asked for campaign email: confirming subscribes you too. You can unsubscribe at any time.</p>{{/if}}
<p>If you did not sign, ignore this email and nothing will be counted.</p>`,
});

export const alreadySignedTemplate = defineMailTemplate<{ fullName: string; title: string }>({
  name: 'signature-already-signed',
  subject: 'You have already signed: {{title}}',
  text: `Hello {{fullName}},

Someone, probably you, signed "{{title}}" again with this email address. Each person's signature
counts once, so nothing has changed. Thank you for your support.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Someone, probably you, signed “{{title}}” again with this email address. Each person’s signature counts once, so nothing has changed. Thank you for your support.</p>`,
});

export const milestoneTemplate = defineMailTemplate<{
  fullName: string;
  title: string;
  percent: number;
  count: number;
  goal: number;
}>({
  name: 'petition-milestone',
  subject: '{{title}} has reached {{percent}}% of its goal',
  text: `Hello {{fullName}},

"{{title}}" now has {{count}} confirmed signatures: {{percent}}% of its goal of {{goal}}.
`,
  html: `<p>Hello {{fullName}},</p>
<p>“{{title}}” now has {{count}} confirmed signatures: {{percent}}% of its goal of {{goal}}.</p>`,
});
