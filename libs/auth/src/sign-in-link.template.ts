import { defineMailTemplate } from '@app/mail';

export const signInLinkTemplate = defineMailTemplate<{ fullName: string; link: string; minutes: number }>({
  name: 'sign-in-link',
  subject: 'Your sign-in link',
  text: `Hello {{fullName}},

Here is your link to sign in. It works once, for {{minutes}} minutes:

{{link}}

If you did not ask for it, you can ignore this email: nobody can sign in without the link.
`,
  html: `<p>Hello {{fullName}},</p>
<p>Here is your link to sign in. It works once, for {{minutes}} minutes:</p>
<p><a href="{{link}}">Sign in</a></p>
<p style="word-break:break-all;color:#555">{{link}}</p>
<p>If you did not ask for it, you can ignore this email: nobody can sign in without the link.</p>`,
});
