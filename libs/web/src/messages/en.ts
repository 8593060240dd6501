/**
 * Every string the supporter pages show, in English. A catalogue for another language (Gaelic, say)
 * is another object of the same type, `Messages`, registered in ./index.ts: pages never change.
 * Strings that take values are functions. Validation messages come from the services (the same words
 * GraphQL clients get).
 */
export const en = {
  lang: 'en',
  site: {
    skipLink: 'Skip to main content',
    exitPage: 'Exit this page',
    exitHint: 'Leaves this site quickly. You can also press Shift three times.',
    navHome: 'Home',
    navPetitions: 'Petitions',
    navWrite: 'Write to your MSPs',
    navEvents: 'Events',
    navVenues: 'Venues',
    navJoin: 'Join',
    mainNav: 'Main',
    footerPrivacy: 'Privacy notice',
    footerAccessibility: 'Accessibility statement',
    footerData: 'Your data',
    footerNote: 'No tracking, no adverts, no third-party scripts.',
    errorTitlePrefix: 'Error: ',
    errorSummaryTitle: 'There is a problem',
    optional: '(optional)',
    back: 'Back',
    count: (n: number) => n.toLocaleString('en-GB'),
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'If you typed the web address, check it is correct. If you pasted it, check you copied it all.',
    tooManyTitle: 'Please wait a moment',
    tooManyBody: 'There have been a lot of requests from your connection. Wait a minute, then try again.',
    tooManyField: 'There have been a lot of requests from your connection. Wait a minute, then send this again: nothing you wrote has been lost.',
    unavailableTitle: 'Sorry, there is a problem with the service',
    unavailableBody: 'Try again in a few minutes. Nothing you sent was saved, so you can send it again.',
    goHome: 'Go to the home page',
  },
  share: {
    heading: 'Ask others to join in',
    intro: 'Share this page with people who might care:',
    whatsapp: 'WhatsApp',
    email: 'Email',
    bluesky: 'Bluesky',
    x: 'X (Twitter)',
    facebook: 'Facebook',
    native: 'Share…',
    emailSubject: (title: string) => title,
  },
  home: {
    title: 'Home',
    lead: 'Sign a petition, write to your MSPs, come to an event, or join us.',
    petitions: 'Open petitions',
    letterCampaigns: 'Write to your representatives',
    events: 'Coming up',
    branches: 'Branches',
    none: 'Nothing here just now.',
  },
  static: {
    privacyTitle: 'Privacy notice',
    privacy: [
      'Supporting a drug-policy campaign can say something about a person’s health or life. We collect as little as we can and keep it safe.',
      'When you sign a petition, write a letter, reply to an event or join, we keep your name, email address and postcode, and what you did. Your postcode tells us your constituency, so we can show each MSP how many of their own constituents care. We email you only about what you did, unless you ticked “keep me updated”: then we send campaign news until you unsubscribe (every email has a link).',
      'Your name is shown on a petition only if you ask, and then only your first name and postcode district. Letters to MSPs carry your name and email address so they can reply to you.',
      'Your connection’s address is used only to stop abuse. It is stored as a keyed hash and forgotten after a week.',
      'These pages set no cookies, load nothing from other websites and use no analytics or tracking.',
      'You can ask for a copy of everything we hold about you, or for it to be erased, at any time, without an account.',
    ],
    accessibilityTitle: 'Accessibility statement',
    accessibility: [
      'We want everyone to be able to use these pages: on any phone, with a screen reader or magnifier, with the keyboard alone, and without JavaScript.',
      'The pages aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page is checked automatically with axe in our tests, at phone and desktop widths, and every form can be completed with the keyboard and without JavaScript.',
      'Known limits: messages from the system about a form you sent are in English only. Charts have a table with the same figures beside them.',
      'If something does not work for you, please tell your local branch or reply to any email from us, and say which page and what happened. We aim to reply within five working days.',
    ],
    yourDataTitle: 'Your data',
  },
  petitions: {
    listTitle: 'Petitions',
    signTitle: 'Sign this petition',
    to: (target: string) => `To ${target}`,
    signatures: (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'signature' : 'signatures'}`,
    goal: (n: number) => `of ${n.toLocaleString('en-GB')} needed`,
    progressLabel: 'Progress to the goal',
    closed: 'This petition is closed. Thank you to everyone who signed.',
    notOpen: 'This petition is not open for signatures.',
    fullName: 'Full name',
    email: 'Email address',
    emailHint: 'We will email you a link. Your signature counts once you press it.',
    postcode: 'Postcode',
    postcodeHint: 'So we can show your MSPs how many of their constituents have signed.',
    showName: 'Show my first name and postcode district on this page',
    optInLegend: 'Keep me updated',
    submit: 'Sign the petition',
    recent: 'Recent signatures',
    recentNone: 'No one has chosen to show their name yet.',
    byDay: 'Signatures by day',
    byConstituency: 'Signatures by constituency',
    constituency: 'Constituency',
    day: 'Day',
    count: 'Signatures',
    unknownConstituency: 'Not known',
    checkEmailTitle: 'Check your email',
    checkEmailBody: 'We have sent you an email with a link. Your signature counts only once you press the link in it.',
    checkEmailNoMail: 'No email after a few minutes? Look in your spam or junk folder. If it is not there, sign again with the same address and we will send a fresh link.',
    thanksTitle: 'Thank you: your signature is counted',
    thanksBody: (title: string) => `You have signed “${title}”.`,
    confirmTitle: 'Confirm your signature',
    confirmIntro: 'Press the button and your signature is counted.',
    confirmButton: 'Confirm my signature',
    nextAction: 'What next?',
    nextWrite: 'Write to your MSPs',
    nextEvents: 'Come to an event',
  },
  // Each domain's pages have their own section below.
  letters: {},

  events: {},

  branches: {},

  join: {},

  yourData: {},

  signIn: {},

  pledges: {},

  venues: {},

  links: {
    incomplete: 'This link is incomplete. Please open the whole link from your email.',
    staleTitle: 'This link no longer works',
  },
};

/** The shape every catalogue has. */
export type Messages = typeof en;
