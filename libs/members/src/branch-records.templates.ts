import { defineMailTemplate } from '@app/mail';

interface LinkMail {
  fullName: string;
  branch: string;
  link: string;
}

/** To the address behind a provisional record made by a reply or a walk-in. */
export const linkReplyTemplate = defineMailTemplate<LinkMail & { what: string }>({
  name: 'link-reply',
  subject: 'Your reply to {{what}}',
  text: `Hello {{fullName}},

This email address was used to reply to {{what}}, an event of the campaign's {{branch}} branch.
You are already with us, so we have kept that reply apart from your membership: the branch's
organisers see only the name and address given with it, and nothing about your membership changed.

If it was you and you would like the reply (and any training certificate from it) kept with your
membership, please confirm:

{{link}}

If it was not you, you can ignore this email. To free the place, use the link in the email about
the event.
`,
  html: `<p>Hello {{fullName}},</p>
<p>This email address was used to reply to <strong>{{what}}</strong>, an event of the campaign's {{branch}} branch. You are already with us, so we have kept that reply apart from your membership: the branch's organisers see only the name and address given with it, and nothing about your membership changed.</p>
<p>If it was you and you would like the reply (and any training certificate from it) kept with your membership, please <a href="{{link}}">confirm</a>.</p>
<p>If it was not you, you can ignore this email. To free the place, use the link in the email about the event.</p>`,
});

/** To the address behind a provisional record made by an organiser adding or importing it. */
export const joinBranchTemplate = defineMailTemplate<LinkMail>({
  name: 'join-branch',
  subject: 'Would you like to join the {{branch}} branch?',
  text: `Hello {{fullName}},

The organisers of the campaign's {{branch}} branch added this email address to their members. You
are already with us, so nothing about your membership changed, and they see only what they entered.

If you would like your membership to move to the {{branch}} branch, please confirm:

{{link}}

If not, you can ignore this email.
`,
  html: `<p>Hello {{fullName}},</p>
<p>The organisers of the campaign's {{branch}} branch added this email address to their members. You are already with us, so nothing about your membership changed, and they see only what they entered.</p>
<p>If you would like your membership to move to the {{branch}} branch, please <a href="{{link}}">confirm</a>.</p>
<p>If not, you can ignore this email.</p>`,
});
