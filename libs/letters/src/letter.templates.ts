import { defineMailTemplate } from '@app/mail';

/** The letter itself, to the target: the supporter's words and a short footer. No tracking of any kind. */
export const letterTemplate = defineMailTemplate<{
  subject: string;
  body: string;
  fullName: string;
  postcode: string;
  campaignTitle: string;
}>({
  name: 'letter',
  subject: '{{subject}}',
  text: `{{body}}

--
{{fullName}}, {{postcode}}, wrote this letter and sent it through the campaign "{{campaignTitle}}"
on their own behalf. Reply to this email to answer them directly.
`,
  html: `<div style="white-space:pre-wrap">{{body}}</div>
<hr>
<p style="font-size:0.9em;color:#555">{{fullName}}, {{postcode}}, wrote this letter and sent it through the campaign “{{campaignTitle}}” on their own behalf. Reply to this email to answer them directly.</p>`,
});

export const confirmLettersTemplate = defineMailTemplate<{
  fullName: string;
  campaignTitle: string;
  recipients: string[];
  subject: string;
  body: string;
  link: string;
  subscribing: boolean;
  /** The letter reads like others already sent: it goes in each recipient's daily digest. */
  digest?: boolean;
}>({
  name: 'letters-confirmation',
  subject: 'Please confirm your letter: {{campaignTitle}}',
  text: `Hello {{fullName}},

Thank you for writing. Your letter goes to:
{{#each recipients}}
- {{this}}
{{/each}}

This is what it says (as the first recipient will read it):

Subject: {{subject}}

{{body}}

{{#if digest}}
Your letter reads very like letters other people have already sent, so it will be delivered in each
recipient's daily digest of these letters (with your name, postcode district and your own words),
not on its own. Add some words of your own and write again if you would rather it went on its own.

{{/if}}
Nothing is sent until you confirm:

{{link}}
{{#if subscribing}}
You also asked for campaign email: confirming subscribes you too. You can unsubscribe at any time.
{{/if}}
If you did not write this, ignore this email and nothing will be sent.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Thank you for writing. Your letter goes to:</p>
<ul>{{#each recipients}}<li>{{this}}</li>{{/each}}</ul>
<p>This is what it says (as the first recipient will read it):</p>
<p><strong>{{subject}}</strong></p>
<div style="white-space:pre-wrap">{{body}}</div>
{{#if digest}}<p>Your letter reads very like letters other people have already sent, so it will be delivered in each recipient’s daily digest of these letters (with your name, postcode district and your own words), not on its own. Add some words of your own and write again if you would rather it went on its own.</p>{{/if}}
<p>Nothing is sent until you confirm:</p>
<p><a href="{{link}}">Confirm and send my letter</a></p>
{{#if subscribing}}<p>You also asked for campaign email: confirming subscribes you too. You can unsubscribe at any time.</p>{{/if}}
<p>If you did not write this, ignore this email and nothing will be sent.</p>`,
});

export const alreadyWrittenTemplate = defineMailTemplate<{ fullName: string; campaignTitle: string }>({
  name: 'letters-already-written',
  subject: 'You have already written: {{campaignTitle}}',
  text: `Hello {{fullName}},

Someone, probably you, wrote again for "{{campaignTitle}}" with this email address. Your letters were
already confirmed, and each person's letter goes to each recipient once, so nothing new was sent.
Thank you for taking part.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Someone, probably you, wrote again for “{{campaignTitle}}” with this email address. Your letters were already confirmed, and each person’s letter goes to each recipient once, so nothing new was sent. Thank you for taking part.</p>`,
});

/** The supporter's copy, when they confirm. */
export const letterCopyTemplate = defineMailTemplate<{
  fullName: string;
  campaignTitle: string;
  recipients: string[];
  subject: string;
  body: string;
  statusLink: string;
}>({
  name: 'letter-copy',
  subject: 'Your letter is on its way: {{subject}}',
  text: `Hello {{fullName}},

Thank you: your letter for "{{campaignTitle}}" is on its way to:
{{#each recipients}}
- {{this}}
{{/each}}

See when each one is delivered (keep this link to yourself):
{{statusLink}}

Replies come straight to you. Here is a copy of what you wrote (for the first recipient):

Subject: {{subject}}

{{body}}
`,
  html: `<p>Hello {{fullName}},</p>
<p>Thank you: your letter for “{{campaignTitle}}” is on its way to:</p>
<ul>{{#each recipients}}<li>{{this}}</li>{{/each}}</ul>
<p><a href="{{statusLink}}">See when each one is delivered</a> (keep this link to yourself).</p>
<p>Replies come straight to you. Here is a copy of what you wrote (for the first recipient):</p>
<p><strong>{{subject}}</strong></p>
<div style="white-space:pre-wrap">{{body}}</div>`,
});

/** "Did you get a reply?": one per supporter per campaign, once their letters have been sent. */
export const letterQuestionnaireTemplate = defineMailTemplate<{
  fullName: string;
  campaignTitle: string;
  recipients: string[];
  link: string;
}>({
  name: 'letter-questionnaire',
  subject: 'Did you get a reply? {{campaignTitle}}',
  text: `Hello {{fullName}},

A while ago you wrote for "{{campaignTitle}}" to:
{{#each recipients}}
- {{this}}
{{/each}}

Did any of them reply? It takes a minute to tell us, and it shows the campaign who is listening
and where each of them stands. Only counts and stances are ever shown publicly: never your name or
your words.

{{link}}

You can change your answer later with the same link (keep it to yourself).
`,
  html: `<p>Hello {{fullName}},</p>
<p>A while ago you wrote for “{{campaignTitle}}” to:</p>
<ul>{{#each recipients}}<li>{{this}}</li>{{/each}}</ul>
<p>Did any of them reply? It takes a minute to tell us, and it shows the campaign who is listening and where each of them stands. Only counts and stances are ever shown publicly: never your name or your words.</p>
<p><a href="{{link}}">Tell us about any replies</a></p>
<p>You can change your answer later with the same link (keep it to yourself).</p>`,
});

/** The one reminder, if the questionnaire has not been answered. */
export const letterQuestionnaireReminderTemplate = defineMailTemplate<{
  fullName: string;
  campaignTitle: string;
  recipients: string[];
  link: string;
}>({
  name: 'letter-questionnaire-reminder',
  subject: 'A reminder: did you get a reply? {{campaignTitle}}',
  text: `Hello {{fullName}},

We asked whether anyone replied to your letter for "{{campaignTitle}}". If you have a minute, tell us
(even "not yet" helps):

{{link}}

This is the only reminder: we will not ask again.
`,
  html: `<p>Hello {{fullName}},</p>
<p>We asked whether anyone replied to your letter for “{{campaignTitle}}”. If you have a minute, tell us (even “not yet” helps):</p>
<p><a href="{{link}}">Tell us about any replies</a></p>
<p>This is the only reminder: we will not ask again.</p>`,
});

/** One recipient's daily digest of near-copy letters under a campaign. */
export const letterDigestTemplate = defineMailTemplate<{
  count: number;
  campaignTitle: string;
  shared: string;
  writers: Array<{ fullName: string; district: string; own: string }>;
}>({
  name: 'letter-digest',
  subject: '{{count}} of your constituents wrote about {{campaignTitle}}',
  text: `{{count}} people wrote to you through the campaign "{{campaignTitle}}". Their letters share
this text:

{{shared}}

Each of them, with the words they added themselves:
{{#each writers}}

- {{fullName}}, {{district}}{{#if own}}:
{{own}}{{/if}}
{{/each}}

--
Each person wrote and confirmed their own letter; the campaign gathered letters that share most of
their words into this one daily email. Reply to this email to reach the campaign.
`,
  html: `<p>{{count}} people wrote to you through the campaign “{{campaignTitle}}”. Their letters share this text:</p>
<div style="white-space:pre-wrap;border-left:4px solid #ccc;padding-left:1em">{{shared}}</div>
<p>Each of them, with the words they added themselves:</p>
<ul>{{#each writers}}<li><strong>{{fullName}}</strong>, {{district}}{{#if own}}<div style="white-space:pre-wrap">{{own}}</div>{{/if}}</li>{{/each}}</ul>
<hr>
<p style="font-size:0.9em;color:#555">Each person wrote and confirmed their own letter; the campaign gathered letters that share most of their words into this one daily email. Reply to this email to reach the campaign.</p>`,
});
