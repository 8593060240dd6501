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
    exitHint: 'Leaves this site quickly.',
    /** Shown only where JavaScript runs (the keys need the script). */
    exitHintKeys: 'You can also press Shift three times.',
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
    /** Under a text area, where JavaScript runs: `{n}` typed of `{max}`. */
    characterCount: '{n} of {max} characters.',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundBody:
      'If you typed the web address, check it is correct. If you pasted it, check you copied it all.',
    tooManyTitle: 'Please wait a moment',
    tooManyBody: 'There have been a lot of requests from your connection. Wait a minute, then try again.',
    tooManyField:
      'There have been a lot of requests from your connection. Wait a minute, then send this again: nothing you wrote has been lost.',
    unavailableTitle: 'Sorry, there is a problem with the service',
    retryTitle: 'Please try again in a moment',
    retryBody:
      'The service is busy or briefly unreachable. Nothing you sent was saved: go back and send it again in a minute.',
    unavailableBody: 'Try again in a few minutes. Nothing you sent was saved, so you can send it again.',
    goHome: 'Go to the home page',
    problemTitle: 'This did not work',
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
    description:
      'A campaign for drug policy that keeps people alive: petitions, letters to MSPs, events and local branches.',
    allPetitions: 'All petitions',
    allEvents: 'All events',
    writeHint: 'A letter in your own words, in a few minutes.',
    branchesIntro: 'Local groups organise events and actions near you.',
  },
  static: {
    privacyTitle: 'Privacy notice',
    privacy: [
      'Supporting a drug-policy campaign can say something about a person’s health or life. We collect as little as we can and keep it safe.',
      'When you join, sign a petition, write a letter, reply to an event or register a venue, we keep your name, email address and postcode, and what you did. Your postcode tells us your nearest branch and your constituency, so we can show each MSP how many of their own constituents care.',
      'We email you about what you did, for example the link to confirm it. We send campaign news only if you ticked the box that says so and then confirmed your address with the link we sent: signing a petition or writing a letter does not sign you up by itself. Each time you say yes or no to campaign news, we keep a record of the words you were shown, when, and where. Every campaign email has a link to unsubscribe with one click.',
      'The organisers of your branch and the campaign’s national administrators can see your details, so that they can organise. Every export or import of people’s details is recorded: who did it, what and when.',
      'Your name is shown on a petition only if you ask, and then only your first name and postcode district. Letters you write carry your name and email address, so the person you write to can reply to you.',
      'Your connection’s address is used only to stop abuse. It is stored as a keyed hash and forgotten after a week.',
      'These pages set no cookies, load nothing from other websites and use no analytics or tracking. Only organisers who sign in to the organisers’ dashboard get one cookie, which keeps them signed in and ends when they sign out.',
      'We keep your details no longer than we need them, and never after you ask us to erase them. A signature, letter or venue pledge you did not confirm by email is deleted after 7 days. The words of a letter, and your name and address on it, are deleted 28 days after it is sent (we keep only who it went to, and when). Your name and address on a petition are deleted a year after the petition is handed in. Our copies of the emails we send you lose your address 30 days after sending. The links we email stop working: sign-in links after 15 minutes, links to your data or to erase it after 24 hours, links to confirm your address after 7 days.',
      'On the “Your data” page you can ask for a copy of everything we hold about you (a file to download), or for all of it to be erased, at any time and without an account. We email a link to the address you give, so only the person who reads that inbox can use it, and the page answers the same whether or not we know the address.',
      'Erasing removes your name, email address, postcode, your consent records and everything else linked to you. We keep only what cannot identify you: the count of people and signatures (so totals stay right) and a scrambled form of your email address, so that nobody can add you back by mistake.',
      'The “Your data” page finds everything we hold under the address you give: whether you joined, signed a petition, wrote a letter, replied to an event or registered a venue.',
      'If you are unhappy with how we handle your data, you can complain to the Information Commissioner’s Office (ico.org.uk).',
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
    /** The count as the live-count island writes it, `{n}` for the number, one per plural category. */
    signaturesLive: { one: '{n} signature', other: '{n} signatures' } as Record<string, string>,
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
    checkEmailBody:
      'We have sent you an email with a link. Your signature counts only once you press the link in it.',
    checkEmailNoMail:
      'No email after a few minutes? Look in your spam or junk folder. If it is not there, sign again with the same address and we will send a fresh link.',
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
  letters: {
    listTitle: 'Write to your MSPs',
    listLead:
      'Choose a campaign, enter your postcode and send a letter in your own words. Letters from constituents are read, and they are answered.',
    none: 'There is no letter campaign open just now.',
    to: (who: string) => `To ${who}`,
    /** Who a campaign writes to, by its targeting. */
    recipientsOf: {
      MY_MSPS: 'your 8 MSPs: your constituency MSP and your 7 regional MSPs',
      MY_CONSTITUENCY_MSP: 'your constituency MSP',
      MY_REGIONAL_MSPS: 'your 7 regional MSPs',
      SELECTED_TARGETS: 'the people this campaign writes to',
    },
    description: (who: string) => `Write to ${who} in your own words. It takes a few minutes.`,
    closed: 'This letter campaign has closed. Thank you to everyone who wrote.',
    stepPostcode: 'Find who represents you',
    stepPostcodeFixed: 'Where you live',
    postcode: 'Postcode',
    postcodeHint:
      'We use it to find your MSPs and put your constituency in the letter. MSPs answer the people who live in their area.',
    postcodeHintFixed: 'Letters carry your postcode, so the people you write to know you live in Scotland.',
    changePostcodeHint: 'Change it and choose “Preview my letter” to see who represents that postcode.',
    findButton: 'Find my MSPs',
    continueButton: 'Continue',
    fixedRecipients: 'Your letter goes to',
    yourRecipients: (n: number) => (n === 1 ? 'Your MSP' : `Your ${n} MSPs`),
    yourFixedRecipients: (n: number) =>
      n === 1 ? 'Your letter goes to 1 person' : `Your letter goes to ${n} people`,
    placeFor: (postcode: string, constituency: string, region: string) =>
      `For ${postcode}: the ${constituency} constituency, in the ${region} region.`,
    constituencyMsp: (constituency: string) => `Constituency MSP for ${constituency}`,
    regionalMsp: (region: string) => `Regional MSP for ${region}`,
    party: (party: string) => `(${party})`,
    yourLetter: 'Your letter',
    letterIntro:
      'We have started the letter for you. Change it as much as you like: a letter in your own words, about why this matters to you, counts for more.',
    placeholdersHint:
      'Words in double curly brackets, like {{target.name}}, are filled in for each person you write to. Leave them as they are, or write the words yourself.',
    personaliseRequired:
      'This campaign asks you to put the letter in your own words: change or add to it before you send it.',
    subject: 'Subject',
    body: 'Letter',
    aboutYou: 'About you',
    fullName: 'Full name',
    fullNameHint: 'Your letter is signed with it.',
    email: 'Email address',
    emailHint:
      'We will email you a link: nothing is sent until you press it. Replies come straight to this address.',
    optInLegend: 'Keep me updated',
    previewButton: 'Preview my letter',
    sendButton: 'Send my letter',
    previewTitle: 'Preview: what each person receives',
    previewIntro:
      'This is your letter as each person will read it. Change anything above, then preview again or send it.',
    previewSubject: (subject: string) => `Subject: ${subject}`,
    previewTo: (name: string) => `To ${name}`,
    share: (percent: number) => `About ${percent}% of this letter is in your own words.`,
    meterLabel: 'How much of this letter is yours',
    meterUnchanged: 'You have not changed the letter yet.',
    meterApprox: (percent: number | string) =>
      `About ${percent}% of this letter is in your own words (a rough count; the exact figure is worked out when you preview or send).`,
    lookingUp: 'Looking up who represents that postcode…',
    lookupFound: (postcode: string) => `Who represents ${postcode}:`,
    constituencyMspShort: 'Constituency MSP',
    regionalMspShort: 'Regional MSP',
    yourNameHere: '(your name)',
    lookupFailed:
      'We could not find MSPs for that postcode. Check it, or carry on and we will tell you when you send the form.',
    checkEmailTitle: 'Check your email',
    checkEmailBody:
      'We have sent you an email with a link. Your letter is sent only once you press the link in it.',
    checkEmailNoMail:
      'No email after a few minutes? Look in your spam or junk folder. If it is not there, write again with the same address and we will send a fresh link.',
    backToCampaign: (title: string) => `Back to “${title}”`,
    confirmTitle: 'Confirm your letter',
    confirmIntro: 'Press the button and your letter is sent.',
    confirmButton: 'Send my letter',
    thanksTitle: 'Thank you: your letter is on its way',
    thanksBody: (queued: number, title: string) =>
      `${queued === 1 ? 'One letter' : `${queued} letters`} for “${title}” will be delivered shortly. A copy is in your inbox, and replies come straight to you.`,
    statusTitle: 'Your letters',
    statusFor: (title: string) => `Your letters for “${title}”`,
    statusSummary: (sent: number, total: number, failed: number) =>
      `${sent} of ${total} ${total === 1 ? 'letter' : 'letters'} delivered${failed > 0 ? `, ${failed} could not be delivered` : ''}.`,
    statusQueued: 'Waiting to be sent',
    statusSent: 'Delivered',
    statusFailed: 'Could not be delivered',
    statusPacing:
      'Letters to each person are spaced out, so no inbox is flooded: yours may take a little while.',
    statusFailedHelp:
      'Where a letter could not be delivered, the campaign team can see why and will follow it up.',
    statusCheckAgain: 'Check again',
    statusKeep:
      'Keep this page’s address to yourself: it shows where your letters have got to. A link to it is in your copy of the letter.',
    statusLink: 'See where your letters have got to',
    usedLinkStatus: 'This link has already been used to send your letters.',
    nextAction: 'What next?',
    nextPetitions: 'Sign a petition',
    nextEvents: 'Come to an event',
  },

  events: {
    listTitle: 'Events',
    listLead: 'Actions, meetings, trainings, stalls and socials run by our branches. Everyone is welcome.',
    listDescription: 'Come to an action, a meeting or a training near you.',
    filterTitle: 'Find events',
    filterBranch: 'Branch',
    filterKind: 'Kind of event',
    allBranches: 'All branches',
    allKinds: 'All kinds',
    filterButton: 'Show events',
    noneFound: 'No events match just now. Try another branch or kind, or come back soon.',
    later: 'Later events',
    kinds: {
      ACTION: 'Action',
      MEETING: 'Meeting',
      TRAINING: 'Training',
      STALL: 'Stall',
      SOCIAL: 'Social',
    },
    kindsPlural: {
      ACTION: 'Actions',
      MEETING: 'Meetings',
      TRAINING: 'Trainings',
      STALL: 'Stalls',
      SOCIAL: 'Socials',
    },
    byBranch: (branch: string) => `Run by ${branch}`,
    when: 'When',
    where: 'Where',
    online: 'Online',
    places: 'Places',
    repliesClose: 'Replies close',
    organisedBy: 'Organised by',
    ukTime: '(UK time)',
    until: (end: string) => `until ${end}`,
    toBeAnnounced: 'To be announced',
    joinOnline: 'Join online',
    spacesLeft: (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'place' : 'places'} left`,
    full: 'Full: you can join the waiting list',
    noLimit: 'No limit: everyone welcome',
    cancelledTag: 'Cancelled',
    fullTag: 'Full: waiting list',
    cancelled: 'This event is cancelled.',
    closed: 'Replies for this event have closed.',
    finished: 'This event has finished. Thank you to everyone who came.',
    addToCalendar: 'Add to your calendar',
    addToCalendarHint: '(an .ics file for any calendar app)',
    rsvpTitle: 'Book a place',
    waitlistTitle: 'Join the waiting list',
    waitlistIntro:
      'This event is full. Join the waiting list: if a place comes free, it goes to the next person waiting and we email them straight away.',
    fullName: 'Full name',
    email: 'Email address',
    emailHint: 'We will email you the details and a link to cancel if you cannot come.',
    postcode: 'Postcode',
    postcodeHint: 'Helps your local branch know which areas people come from.',
    optInLegend: 'Keep me updated',
    submit: 'Book my place',
    submitWaitlist: 'Join the waiting list',
    replyTitle: 'Thank you for replying',
    replyGoing: 'There are places left, so a place is kept for you.',
    replyWaiting:
      'This event is full just now, so replies go on the waiting list. If a place comes free, we email the next person waiting straight away.',
    replyEmail:
      'We have sent you an email. It tells you where you stand, with the details and a link to cancel.',
    replyCancel:
      'If you cannot come, press the link in that email to free your place (or leave the waiting list), so someone else can come.',
    replyNoMail:
      'No email after a few minutes? Look in your spam or junk folder. If it is not there, reply again with the same address.',
    backToEvent: (title: string) => `Back to ${title}`,
    moreEvents: 'See more events',
    cancelTitle: 'Free your place',
    cancelIntro: 'If you cannot come, press the button: your place goes to the next person waiting.',
    cancelButton: 'I cannot come',
    cancelledTitle: 'Your place is free',
    cancelledBody: 'Thank you for letting us know.',
  },

  branches: {
    description: (name: string) => `Petitions, letters and events from the campaign's ${name} branch.`,
    areas: (areas: string) => `Covers ${areas}.`,
    contact: 'Contact the branch:',
    petitions: 'Petitions',
    letterCampaigns: 'Write to your representatives',
    events: 'Events',
    calendar: 'Subscribe to this branch’s events calendar',
    calendarHint: '(an .ics feed: your calendar app keeps it up to date)',
    allBranchEvents: (name: string) => `All ${name} events`,
  },

  join: {
    title: 'Join the campaign',
    description: 'Join us: hear about actions you can take and events near you.',
    lead: 'It is free, and you can leave at any time. We will tell you about actions you can take and put you in touch with your nearest branch.',
    fullName: 'Full name',
    email: 'Email address',
    emailHint: 'We will email you a link to confirm that it is yours.',
    postcode: 'Postcode',
    postcodeHint: 'We use it to find your nearest branch.',
    branch: 'Branch',
    branchHint: 'Leave this as it is and we will find your branch from your postcode.',
    branchFromPostcode: 'Find it from my postcode',
    branchUnknown: 'Choose a branch from the list, or let us find it from your postcode',
    consentLegend: 'Campaign email',
    consentHint: 'Only if you tick this box. Otherwise we email you only to confirm your address.',
    submit: 'Join',
    privacyBefore: 'How we look after your details: ',
    privacyLink: 'our privacy notice',
    checkEmailTitle: 'Check your email',
    checkEmailBody:
      'We have sent you an email. Press the link in it to confirm your address and finish joining.',
    checkEmailNoMail:
      'No email after a few minutes? Look in your spam or junk folder. If it is not there, join again with the same address and we will send another.',
    confirmTitle: 'Confirm your email address',
    confirmIntro: 'Press the button to confirm that this email address is yours.',
    confirmButton: 'Confirm my email address',
    confirmedTitle: 'Thank you',
    confirmedBody: 'Your email address is confirmed. Welcome to the campaign.',
    nextTitle: 'What next?',
    nextPetitions: 'Sign a petition',
    nextWrite: 'Write to your MSPs',
    nextEvents: 'Come to an event',
  },

  yourData: {
    title: 'Your data',
    description: 'Get a copy of what the campaign holds about you, or have it erased, without an account.',
    lead: 'You can have a copy of everything we hold about you, or have all of it erased, without an account. We email a link to the address you give, so only the person who reads that inbox can use it.',
    emailLabel: 'Email address',
    emailHint: 'The address you gave us.',
    copyTitle: 'Get a copy of your data',
    copyBody:
      'We will email you a link to download everything we hold about you, as a file (JSON). The link works for 24 hours.',
    copySubmit: 'Email me a copy',
    eraseTitle: 'Erase your data',
    eraseBody:
      'We will email you a link. When you open it and press the button, we remove your name, email address, postcode and everything else we hold about you. This cannot be undone.',
    eraseSubmit: 'Email me an erasure link',
    stopTitle: 'Stop campaign email',
    stopBody:
      'Every campaign email has an unsubscribe link at the bottom: one click is enough. You do not need to erase your data to stop our emails.',
    privacyBefore: 'What we hold and why: ',
    privacyLink: 'our privacy notice',
    checkEmailTitle: 'Check your email',
    checkCopyBody:
      'If we hold anything about that address, we have emailed it a link to download a copy. The link works for 24 hours.',
    checkEraseBody:
      'If we hold anything about that address, we have emailed it a link. Nothing is erased until you open the link and press the button. The link works for 24 hours.',
    checkEmailNoMail:
      'No email after a few minutes? Look in your spam or junk folder, and check that you used the address you gave us.',
    back: 'Back to your data',
    eraseConfirmTitle: 'Erase your data',
    eraseConfirmIntro:
      'Pressing the button removes your name, email address, postcode and everything else the campaign holds about you. This cannot be undone.',
    eraseConfirmButton: 'Erase my data',
    erasedTitle: 'Your data is erased',
    erasedBody: 'We no longer hold your name, email address, postcode or anything else about you.',
    erasedMore:
      'All we keep is a scrambled form of your email address, so that nobody can add you back by mistake.',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeIntro: 'Press the button and we will stop sending you campaign email.',
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTitle: 'You are unsubscribed',
    unsubscribedBody: 'We will not send you campaign email any more. Thank you for your support.',
    unsubscribedMore:
      'We may still email you about something you do yourself, such as the link to confirm a petition you sign or an event you reply to.',
    dataMore: 'You can also ask for a copy of your data, or for it to be erased.',
  },

  membership: {
    confirmTitle: 'Is this yours?',
    confirmIntro: 'Press the button to confirm that it was you, and to keep it with your membership.',
    confirmButton: 'Yes, it was me',
    confirmedTitle: 'Thank you',
    moved: (branch: string) => `Your membership is now with the ${branch} branch.`,
    kept: 'It is kept with your membership now.',
  },

  signIn: {
    title: 'Sign in',
    intro: 'Press the button to sign in. The link works once.',
    button: 'Sign in',
    signedInTitle: 'You are signed in',
    welcome: (name: string) => `Welcome, ${name}.`,
    session: (until: string) =>
      `Your session lasts until ${until}. Until the campaign’s web app takes over this page, use the token below as “Authorization: Bearer <token>” in the GraphQL sandbox at /graphql. Keep it secret.`,
    tokenLabel: 'Session token',
    /** Organisers and admins are sent on to the dashboard (a 303); the page is what a client that stays sees. */
    openDashboard: 'Open the organisers’ dashboard',
  },

  pledges: {
    formTitle: 'Pledge harm reduction at your venue',
    formLead:
      'Clubs, bars, live music venues, festivals and student unions can pledge to look after everyone who comes through their doors. Tell us about your venue and choose what it commits to. The local branch checks the pledge, then your venue is listed in the directory.',
    formDescription:
      'Register your venue and pledge harm-reduction commitments: welfare space, naloxone, trained staff and more.',
    venueHeading: 'Your venue',
    venueName: 'Venue name',
    kind: 'What kind of venue is it?',
    address: 'Address',
    addressHint: 'Kept private: only the local branch sees it, to check the pledge.',
    postcode: 'Postcode',
    postcodeHint:
      'Tells us which branch covers your venue. The directory shows only the first part, like EH1.',
    website: 'Website',
    websiteHint: 'The full address, starting with https://',
    licenceNumber: 'Premises licence number',
    publicEmail: 'Venue’s public contact email',
    publicEmailHint:
      'A shared address such as info@…, which the campaign may write to. Not a personal address, unless you choose to give one.',
    commitmentsHeading: 'What your venue commits to',
    commitmentsLegend: 'Choose your venue’s commitments',
    commitmentsHint: 'Choose at least one. Pledge what your venue does now: the branch may ask how.',
    notes: 'Anything the branch should know',
    notesHint: 'For example, how many staff are trained in overdose response, and when.',
    ownerHeading: 'About you',
    fullName: 'Your full name',
    email: 'Your email address',
    emailHint: 'We will email you a link to confirm the pledge. It is never shown publicly.',
    role: 'Your role at the venue',
    roleHint: 'For example, owner, general manager or welfare lead.',
    privacy:
      'We use your name and email address only to confirm and manage this pledge. The directory shows the venue’s name, kind, area and commitments, never who registered it.',
    submit: 'Send the pledge',
    checkEmailTitle: 'Check your email',
    checkEmailBody:
      'We have sent you an email with a link. Once you press it, the pledge goes to the local branch to verify.',
    checkEmailNoMail:
      'No email after a few minutes? Look in your spam or junk folder. If it is not there, check the address and send the pledge again.',
    directoryLink: 'See the venues that have pledged',
    confirmTitle: 'Confirm your venue’s pledge',
    confirmIntro: 'Press the button and the pledge goes to the local branch to verify.',
    confirmButton: 'Confirm the pledge',
    thanksTitle: 'Thank you',
    thanksBody: (venue: string) =>
      `Your pledge for ${venue} is with the local branch. We will email you when it is verified.`,
    nextAction: 'What next?',
    nextDirectory: 'See the venues that have pledged',
    nextEvents: 'Come to an event',
  },

  venues: {
    listTitle: 'Venues that have pledged harm reduction',
    listLead:
      'These clubs, bars, live music venues, festivals and student unions have made harm-reduction commitments, checked by the campaign’s local branch. Pledges are checked again every year.',
    listDescription:
      'Venues in Scotland that have pledged harm reduction: welfare spaces, naloxone, trained staff and more.',
    filtersTitle: 'Find a venue',
    branch: 'Branch',
    allBranches: 'All branches',
    commitment: 'Commitment',
    anyCommitment: 'Any commitment',
    kind: 'Kind of venue',
    anyKind: 'Any kind',
    filter: 'Show venues',
    clearFilters: 'Clear the filters',
    count: (n: number) =>
      `${n.toLocaleString('en-GB')} ${n === 1 ? 'venue' : 'venues'} with a verified pledge`,
    matching: (n: number) =>
      `${n.toLocaleString('en-GB')} ${n === 1 ? 'venue matches' : 'venues match'} these filters`,
    none: 'No venue with a verified pledge matches these filters yet.',
    caption: 'Venues with a verified, current pledge',
    venue: 'Venue',
    kindColumn: 'Kind',
    area: 'Area',
    commitments: 'Commitments',
    pagesLabel: 'More venues',
    firstPage: 'First page',
    nextPage: 'Next page',
    kinds: {
      CLUB: 'Club',
      BAR: 'Bar',
      LIVE_MUSIC: 'Live music venue',
      FESTIVAL: 'Festival',
      STUDENT_UNION: 'Student union',
      OTHER: 'Other',
    },
    pledgeCta: 'Run a venue? Pledge harm reduction',
    backToList: 'All venues that have pledged',
    verifiedSince: 'Verified since',
    verifiedUntil: 'Verified until',
    date: (when: Date) =>
      when.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/London',
      }),
    venueDescription: (name: string, area: string) => `${name} (${area}) has pledged harm reduction.`,
    venueCommitments: 'What this venue commits to',
    venueNote:
      'The campaign’s local branch checked this pledge. A pledge lasts a year, then the venue renews it and the branch checks it again.',
  },

  /** Letter campaigns' questionnaire (did you get a reply?), scorecard and the preview's near-copy notes. */
  advocacy: {
    questionnaireTitle: 'Did you get a reply?',
    questionnaireIntro: (title: string) =>
      `You wrote for “${title}”. Tell us whether each person replied and, if they did, what they said. ` +
      'Only counts and stances are ever shown publicly: never your name or your words.',
    replied: (name: string) => `Did ${name} reply?`,
    repliedChoices: [
      { value: 'YES', label: 'Yes' },
      { value: 'NOT_YET', label: 'Not yet' },
      { value: 'NO', label: 'No, and I do not expect one' },
    ] as Array<{ value: string; label: string }>,
    stance: 'If they replied: what did they say?',
    stanceChoices: [
      { value: 'SUPPORTIVE', label: 'They support the campaign' },
      { value: 'OPPOSED', label: 'They oppose it' },
      { value: 'NON_COMMITTAL', label: 'They did not commit either way' },
    ] as Array<{ value: string; label: string }>,
    replyText: 'Their reply, if you would like to share it',
    replyTextHint: 'Only the campaign’s organisers see it. Leave out anything personal about you.',
    send: 'Send my answers',
    changeLater: 'You can change your answers later with the same link.',
    noAnswer: 'Choose an answer for at least one person',
    repliedMissing: 'Tell us whether they replied',
    stanceUnknown: 'Choose what they said from the list',
    thanksTitle: 'Thank you for telling us',
    thanksBody: (n: number) =>
      `We have recorded your ${n === 1 ? 'answer' : 'answers'}. If a reply comes later, use the same link to update it.`,
    scorecardTitle: (title: string) => `Who replied: ${title}`,
    scorecardLead:
      'For each person written to: how many letters were sent, how many supporters told us they got a reply, ' +
      'and where they stand. Only counts and stances are shown, never anyone’s name or words.',
    scorecardNone: 'No letters have been sent under this campaign yet.',
    recipient: 'Recipient',
    seat: 'Seat',
    regional: 'Regional MSP',
    lettersSent: 'Letters sent',
    replies: 'Replies (of answers)',
    replyRate: 'Reply rate',
    stanceColumn: 'Stance',
    verified: 'confirmed by the campaign',
    reported: 'as supporters reported it',
    unknown: 'Not known yet',
    others: 'Other recipients',
    sortBy: (label: string) => `Sort by ${label.toLowerCase()}`,
    backToCampaign: 'Write your own letter',
    nearCopyHigh: (percent: number) =>
      `Your letter reads about ${percent}% like letters other people have already sent to the same ` +
      'people. Offices give more weight to letters in people’s own words: add a sentence or two of your own, ' +
      'such as why this matters to you.',
    digestNotice:
      'Because it reads so like the others, this campaign will deliver your letter in each recipient’s daily ' +
      'digest of these letters, with your name, postcode district and your own words, rather than on its own.',
    nearCopyLow:
      'Your letter reads differently from the letters already sent: thank you for using your own words.',
    stanceLabel: { SUPPORTIVE: 'Supportive', OPPOSED: 'Opposed', NON_COMMITTAL: 'Non-committal' } as Record<
      string,
      string
    >,
  },

  links: {
    incomplete: 'This link is incomplete. Please open the whole link from your email.',
    staleTitle: 'This link no longer works',
  },
};

/** The shape every catalogue has. */
export type Messages = typeof en;
