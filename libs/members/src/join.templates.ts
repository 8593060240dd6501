import { defineMailTemplate } from '@app/mail';

export const confirmJoinTemplate = defineMailTemplate<{ fullName: string; link: string; branch: string }>({
  name: 'join-confirmation',
  subject: 'Please confirm your email address',
  text: `Hello {{fullName}},

Thank you for joining{{branch}}. Please confirm that this email address is yours:

{{link}}

If you did not join, you can ignore this email and we will not write again.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Thank you for joining{{branch}}. Please confirm that this email address is yours:</p>
<p><a href="{{link}}">Confirm my email address</a></p>
<p>If you did not join, you can ignore this email and we will not write again.</p>`,
});

export const alreadyMemberTemplate = defineMailTemplate<{ fullName: string; link: string }>({
  name: 'already-member',
  subject: 'You are already with us',
  text: `Hello {{fullName}},

Someone, probably you, asked to join the campaign with this email address. You are already with us,
so nothing has changed.
{{#if link}}
Your address is not confirmed yet. To confirm it:

{{link}}
{{/if}}
If it was not you, you can ignore this email.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Someone, probably you, asked to join the campaign with this email address. You are already with us, so nothing has changed.</p>
{{#if link}}<p>Your address is not confirmed yet. <a href="{{link}}">Confirm my email address</a></p>{{/if}}
<p>If it was not you, you can ignore this email.</p>`,
});
