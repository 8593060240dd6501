import { defineMailTemplate } from '@app/mail';

interface EventMail {
  fullName: string;
  title: string;
  when: string;
  where: string;
}

export const rsvpGoingTemplate = defineMailTemplate<EventMail & { cancelLink: string; checkInLink: string }>({
  name: 'rsvp-going',
  subject: 'You are going: {{title}}',
  text: `Hello {{fullName}},

You have a place at {{title}}.

When: {{when}} (UK time)
Where: {{where}}

At the door, show the check-in code (the picture in this email) or this link, and an organiser
checks you in:

{{checkInLink}}

The invitation is attached for your calendar. If you cannot come, please free your place for someone
else:

{{cancelLink}}
`,
  html: `<p>Hello {{fullName}},</p>
<p>You have a place at <strong>{{title}}</strong>.</p>
<p>When: {{when}} (UK time)<br>Where: {{where}}</p>
<p>At the door, show this check-in code and an organiser checks you in:</p>
<p><img src="cid:check-in-code" alt="Your check-in code for {{title}}" width="240" height="240"></p>
<p>The invitation is attached for your calendar. If you cannot come, please <a href="{{cancelLink}}">free your place</a> for someone else.</p>`,
});

export const rsvpWaitlistedTemplate = defineMailTemplate<EventMail & { cancelLink: string }>({
  name: 'rsvp-waitlisted',
  subject: 'You are on the waiting list: {{title}}',
  text: `Hello {{fullName}},

{{title}} is full, so you are on the waiting list. If a place comes free, it is yours and we will
email you straight away.

When: {{when}} (UK time)
Where: {{where}}

To leave the waiting list: {{cancelLink}}
`,
  html: `<p>Hello {{fullName}},</p>
<p><strong>{{title}}</strong> is full, so you are on the waiting list. If a place comes free, it is yours and we will email you straight away.</p>
<p>When: {{when}} (UK time)<br>Where: {{where}}</p>
<p><a href="{{cancelLink}}">Leave the waiting list</a></p>`,
});

export const rsvpPromotedTemplate = defineMailTemplate<
  EventMail & { cancelLink: string; checkInLink: string }
>({
  name: 'rsvp-promoted',
  subject: 'A place came free: {{title}}',
  text: `Hello {{fullName}},

Good news: a place came free at {{title}} and it is yours.

When: {{when}} (UK time)
Where: {{where}}

At the door, show the check-in code (the picture in this email) or this link, and an organiser
checks you in:

{{checkInLink}}

The invitation is attached for your calendar. If you cannot come after all: {{cancelLink}}
`,
  html: `<p>Hello {{fullName}},</p>
<p>Good news: a place came free at <strong>{{title}}</strong> and it is yours.</p>
<p>When: {{when}} (UK time)<br>Where: {{where}}</p>
<p>At the door, show this check-in code and an organiser checks you in:</p>
<p><img src="cid:check-in-code" alt="Your check-in code for {{title}}" width="240" height="240"></p>
<p>The invitation is attached for your calendar. If you cannot come after all, <a href="{{cancelLink}}">free your place</a>.</p>`,
});

export const rsvpRepeatTemplate = defineMailTemplate<EventMail & { going: boolean; cancelLink: string }>({
  name: 'rsvp-repeat',
  subject: 'Your reply to {{title}}',
  text: `Hello {{fullName}},

Someone, probably you, replied to {{title}} again with this email address. Nothing has changed:
{{#if going}}
You already have a place.
{{else}}
You are already on the waiting list. If a place comes free, it is yours and we will email you
straight away.
{{/if}}
When: {{when}} (UK time)
Where: {{where}}

{{#if going}}If you cannot come, please free your place for someone else{{else}}To leave the waiting list{{/if}}:
{{cancelLink}}
`,
  html: `<p>Hello {{fullName}},</p>
<p>Someone, probably you, replied to <strong>{{title}}</strong> again with this email address. Nothing has changed:
{{#if going}}you already have a place.{{else}}you are already on the waiting list. If a place comes free, it is yours and we will email you straight away.{{/if}}</p>
<p>When: {{when}} (UK time)<br>Where: {{where}}</p>
<p>{{#if going}}If you cannot come, please <a href="{{cancelLink}}">free your place</a> for someone else.{{else}}<a href="{{cancelLink}}">Leave the waiting list</a>{{/if}}</p>`,
});

export const eventCancelledTemplate = defineMailTemplate<EventMail & { message: string }>({
  name: 'event-cancelled',
  subject: 'Cancelled: {{title}}',
  text: `Hello {{fullName}},

We are sorry: {{title}} on {{when}} is cancelled.

{{message}}
`,
  html: `<p>Hello {{fullName}},</p>
<p>We are sorry: <strong>{{title}}</strong> on {{when}} is cancelled.</p>
<p>{{message}}</p>`,
});

export const eventReminderTemplate = defineMailTemplate<EventMail>({
  name: 'event-reminder',
  subject: 'Reminder: {{title}} on {{when}}',
  text: `Hello {{fullName}},

A reminder that {{title}} is coming up.

When: {{when}} (UK time)
Where: {{where}}

If you cannot come, please free your place for someone else with the link in your confirmation
email.
`,
  html: `<p>Hello {{fullName}},</p>
<p>A reminder that <strong>{{title}}</strong> is coming up.</p>
<p>When: {{when}} (UK time)<br>Where: {{where}}</p>
<p>If you cannot come, please free your place for someone else with the link in your confirmation email.</p>`,
});

export const certificateRefresherTemplate = defineMailTemplate<{
  fullName: string;
  trainingKind: string;
  validUntil: string;
  next: string;
}>({
  name: 'certificate-refresher',
  subject: 'Your {{trainingKind}} training runs out on {{validUntil}}',
  text: `Hello {{fullName}},

Thank you for training with us. Your {{trainingKind}} certificate is valid until {{validUntil}}.
{{#if next}}
The next {{trainingKind}} training is {{next}}. A refresher keeps your skills current.
{{else}}
We will let you know when the next {{trainingKind}} training is planned.
{{/if}}`,
  html: `<p>Hello {{fullName}},</p>
<p>Thank you for training with us. Your {{trainingKind}} certificate is valid until {{validUntil}}.</p>
{{#if next}}<p>The next {{trainingKind}} training is {{next}}. A refresher keeps your skills current.</p>{{else}}<p>We will let you know when the next {{trainingKind}} training is planned.</p>{{/if}}`,
});
