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

/** A petition's briefing to one MSP: their own figures, the organiser's message, the petition's total. */
export const petitionBriefingTemplate = defineMailTemplate<{
  mspName: string;
  title: string;
  summary: string;
  signers: number;
  area: string;
  total: number;
  message: string;
  link: string;
  branchName: string;
}>({
  name: 'petition-briefing',
  subject: '{{signers}} people in {{area}} signed: {{title}}',
  text: `Dear {{mspName}},

{{message}}

{{signers}} people in {{area}} have signed the petition "{{title}}" and confirmed their signature
by email. {{total}} people have signed it in all.

{{summary}}

The petition: {{link}}

--
Sent by {{branchName}} with the figures for your constituency or region. Reply to this email to
reach the organisers.
`,
  html: `<p>Dear {{mspName}},</p>
<div style="white-space:pre-wrap">{{message}}</div>
<p><strong>{{signers}} people in {{area}}</strong> have signed the petition “{{title}}” and confirmed their signature by email. {{total}} people have signed it in all.</p>
<p>{{summary}}</p>
<p><a href="{{link}}">The petition</a></p>
<hr>
<p style="font-size:0.9em;color:#555">Sent by {{branchName}} with the figures for your constituency or region. Reply to this email to reach the organisers.</p>`,
});
