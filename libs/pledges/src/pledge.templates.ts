import { defineMailTemplate } from '@app/mail';

export const confirmPledgeTemplate = defineMailTemplate<{ fullName: string; venue: string; link: string }>({
  name: 'pledge-confirmation',
  subject: 'Please confirm the harm-reduction pledge for {{venue}}',
  text: `Hello {{fullName}},

Thank you for pledging harm reduction at {{venue}}. Please confirm that this email address is yours,
and the pledge goes to the local branch to verify:

{{link}}

If you did not register, ignore this email and nothing will happen.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Thank you for pledging harm reduction at {{venue}}. Please confirm that this email address is yours, and the pledge goes to the local branch to verify:</p>
<p><a href="{{link}}">Confirm the pledge</a></p>
<p>If you did not register, ignore this email and nothing will happen.</p>`,
});

export const pledgeSubmittedTemplate = defineMailTemplate<{ fullName: string; venue: string; area: string }>({
  name: 'pledge-submitted',
  subject: 'A venue pledge to verify: {{venue}}',
  text: `Hello {{fullName}},

{{venue}} ({{area}}) has pledged harm-reduction commitments and is waiting for your branch to verify
them. Sign in to review the pledge.
`,
  html: `<p>Hello {{fullName}},</p>
<p>{{venue}} ({{area}}) has pledged harm-reduction commitments and is waiting for your branch to verify them. Sign in to review the pledge.</p>`,
});

export const pledgeDecisionTemplate = defineMailTemplate<{
  fullName: string;
  venue: string;
  outcome: string;
  note: string;
}>({
  name: 'pledge-decision',
  subject: 'Your pledge for {{venue}}: {{outcome}}',
  text: `Hello {{fullName}},

Your harm-reduction pledge for {{venue}}: {{outcome}}.
{{#if note}}
{{note}}
{{/if}}
Sign in with your email address to see the pledge and change it.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Your harm-reduction pledge for {{venue}}: <strong>{{outcome}}</strong>.</p>
{{#if note}}<p>{{note}}</p>{{/if}}
<p>Sign in with your email address to see the pledge and change it.</p>`,
});

export const pledgeRenewalTemplate = defineMailTemplate<{
  fullName: string;
  venue: string;
  days: number;
  expires: string;
}>({
  name: 'pledge-renewal',
  subject: 'Your pledge for {{venue}} runs out in {{days}} days',
  text: `Hello {{fullName}},

The verified harm-reduction pledge for {{venue}} runs out on {{expires}}. Sign in and renew it to
stay in the directory.
`,
  html: `<p>Hello {{fullName}},</p>
<p>The verified harm-reduction pledge for {{venue}} runs out on {{expires}}. Sign in and renew it to stay in the directory.</p>`,
});
