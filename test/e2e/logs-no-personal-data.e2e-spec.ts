import { setLogDestination } from '@app/core';
import { defineMailTemplate, OutboxService } from '@app/mail';
import { DataRightsService, Member } from '@app/members';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { createEvent } from '../factories/events';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { qrLinkFrom } from '../support/qr';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

const newsletter = defineMailTemplate<{ fullName: string; unsubscribeLink: string }>({
  name: 'test-newsletter',
  subject: 'Campaign news',
  text: 'Hello {{fullName}}\n\nUnsubscribe: {{unsubscribeLink}}\n',
  html: '<p>Hello {{fullName}}</p><p><a href="{{unsubscribeLink}}">Unsubscribe</a></p>',
});

/**
 * Every public flow, run with known names, addresses and postcodes, with the api's and the
 * worker's logs captured (both log through the same pino set-up, to the destination set here):
 * none of what the people gave, nor any link token mailed to them, may appear in them.
 */
describe('logs hold no personal data', () => {
  let system: TestSystem;
  const lines: string[] = [];
  const tokens: string[] = [];

  const people = {
    joiner: { fullName: 'Ailsa Frobisher', email: 'ailsa.frobisher@example.org', postcode: 'KY16 9AJ' },
    signer: { fullName: 'Torcuil Vanderbeck', email: 'torcuil.v@example.org', postcode: 'KY11 3BX' },
    writer: { fullName: 'Morag Quillinane', email: 'morag.quill@example.org', postcode: 'AB2 1DD' },
    replier: { fullName: 'Seonaid Brackenbury', email: 'seonaid.b@example.org', postcode: 'DD4 8TR' },
    owner: { fullName: 'Lachlan Oyelaran', email: 'lachlan.oye@nightlife.example.org', postcode: 'G1 4QD' },
    pageSigner: { fullName: 'Iona Featherstonehaugh', email: 'iona.fh@example.org', postcode: 'KY12 7BB' },
    pageJoiner: { fullName: 'Catriona Wolstenholme', email: 'catriona.w@example.org', postcode: 'KY16 8LP' },
    pageWriter: { fullName: 'Fearghas Oduya', email: 'fearghas.o@example.org', postcode: 'AB24 2BQ' },
    pageReplier: { fullName: 'Mhairi Castellanos', email: 'mhairi.c@example.org', postcode: 'DD1 4HN' },
    pageOwner: { fullName: 'Ruaridh Pemberton', email: 'ruaridh.p@venue.example.org', postcode: 'G2 3JD' },
    embedSigner: { fullName: 'Eilidh Szymanska', email: 'eilidh.sz@example.org', postcode: 'KY1 1XX' },
    bounced: { fullName: 'Alasdair Nkemelu', email: 'alasdair.nk@example.org', postcode: 'DD2 1AB' },
    deferred: { fullName: 'Kirsteen Abernethy', email: 'kirsteen.ab@example.org', postcode: 'KY7 5QR' },
  };
  /** What a writer says their MSP replied (the questionnaire's free text). */
  const replyText = 'The minister wrote back about the Quillinane proposal';

  beforeAll(async () => {
    setLogDestination({ write: (line: string) => void lines.push(line) });
    system = await TestSystem.start({
      env: {
        LOG_LEVEL: 'debug',
        LETTER_TARGET_INTERVAL_MS: '0',
        // The "did you get a reply?" questionnaire comes a second after the letters are sent.
        LETTER_QUESTIONNAIRE_AFTER: 'PT1S',
        SCHEDULE_INTERVAL_MS: '200',
      },
    });
    await importScotland(system);
  });
  afterAll(async () => {
    setLogDestination(undefined);
    await system.stop();
  });

  /** Waits for the next mail to `email` and remembers the link token in it. */
  async function linkFrom(email: string, count: number, path: string): Promise<string> {
    const token = tokenFromMail((await system.mail.waitFor(email, count)).text, path);
    tokens.push(token);
    return token;
  }

  /** Waits for a mail to `email` with a `path?param=` link not seen before, and remembers its token. */
  async function newLinkFrom(email: string, path: string, param = 'token'): Promise<string> {
    const pattern = new RegExp(
      `https?://[^/\\s]+${path.replace(/[/?]/g, '\\$&')}\\?${param}=([A-Za-z0-9_%-]+)`,
    );
    const token = await system.eventually(async () =>
      system.mail
        .to(email)
        .map((m) => pattern.exec(m.text)?.[1])
        .find((t): t is string => !!t && !tokens.includes(t)),
    );
    tokens.push(token);
    return token;
  }

  const gql = async (query: string, variables: Record<string, unknown> = {}, session?: string) => {
    const res = await system.graphql(query, variables, session);
    expect(res.errors).toBeUndefined();
    return res;
  };

  it('runs every public flow without a name, address, postcode or token reaching the logs', async () => {
    const branch = await createBranch(system.db, { postcodeAreas: ['KY', 'DD', 'G', 'AB'] });

    // Joining, confirming the address, signing in.
    const { joiner } = people;
    await gql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
      input: { ...joiner, emailOptIn: true, branchSlug: branch.slug },
    });
    const confirmEmail = await linkFrom(joiner.email, 1, '/confirm-email');
    await system.http().post('/confirm-email').type('form').send({ token: confirmEmail }).expect(200);
    await gql(`mutation { requestSignInLink(email: "${joiner.email}") }`);
    const signInToken = await linkFrom(joiner.email, 2, '/sign-in');
    const session = await system.graphql<{ signIn: { token: string } }>(
      'mutation($token: String!) { signIn(token: $token) { token } }',
      { token: signInToken },
    );
    tokens.push(session.data!.signIn.token);
    await gql('{ me { id } }', {}, session.data!.signIn.token);

    // Signing a petition (GraphQL) and confirming; signing from the page form.
    const petition = await createOpenPetition(system.db);
    const { signer, pageSigner } = people;
    await gql('mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }', {
      input: { petitionSlug: petition.slug, ...signer, emailOptIn: false, showName: true },
    });
    const signature = await linkFrom(signer.email, 1, '/petitions/confirm');
    await system.http().post('/petitions/confirm').type('form').send({ token: signature }).expect(200);
    await system
      .http()
      .post(`/petitions/${petition.slug}`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...pageSigner, emailOptIn: 'true' })
      .expect(303);
    await linkFrom(pageSigner.email, 1, '/petitions/confirm');

    // Writing to an MSP-like target and confirming: the worker delivers it.
    const minister = await createTarget(system.db, { email: 'minister@gov.example.org' });
    const campaign = await createOpenLetterCampaign(system.db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [minister.id],
    });
    const { writer } = people;
    await gql('mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }', {
      input: {
        campaignSlug: campaign.slug,
        ...writer,
        subject: 'Drug checking in Aberdeen',
        body: `Dear Minister,\n\nPlease fund drug checking.\n\n${writer.fullName}, ${writer.postcode}`,
        emailOptIn: false,
      },
    });
    const letters = await linkFrom(writer.email, 1, '/letters/confirm');
    await gql('mutation($token: String!) { confirmLetters(token: $token) { queued } }', { token: letters });
    await system.mail.waitFor('minister@gov.example.org');

    // Replying to an event, and cancelling by the emailed link.
    const event = await createEvent(system.db, { branchId: branch.id });
    const { replier } = people;
    await gql('mutation($input: RsvpInput!) { rsvp(input: $input) { status } }', {
      input: { eventId: event.id, ...replier, emailOptIn: false },
    });
    const cancel = await linkFrom(replier.email, 1, '/rsvp/cancel');
    await system.http().post('/rsvp/cancel').type('form').send({ token: cancel }).expect(200);

    // Registering a venue pledge and confirming it.
    const { owner } = people;
    await gql(
      'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }',
      {
        input: {
          venue: {
            name: 'The Frobisher Rooms',
            kind: 'CLUB',
            address: '22 Jamaica Street',
            postcode: owner.postcode,
          },
          owner: { fullName: owner.fullName, email: owner.email, role: 'general manager' },
          commitments: ['welfare-space', 'free-water'],
          notes: '',
        },
      },
    );
    const pledge = await linkFrom(owner.email, 1, '/pledges/confirm');
    await system.http().post('/pledges/confirm').type('form').send({ token: pledge }).expect(200);

    // Asking for one's data and its erasure (a signer who never joined), and a bad input.
    await gql(`mutation { requestMyData(email: "${signer.email}") }`);
    const download = await linkFrom(signer.email, 2, '/my-data');
    await system.http().get(`/my-data?token=${download}`).expect(200);
    await gql(`mutation { requestErasure(email: "${signer.email}") }`);
    const erase = await linkFrom(signer.email, 3, '/erase');
    await system.http().post('/erase').type('form').send({ token: erase }).expect(200);
    const bad = await system.graphql(
      'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }',
      {
        input: {
          fullName: joiner.fullName,
          email: joiner.email,
          postcode: 'not a postcode',
          emailOptIn: false,
        },
      },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // An organiser's export (audited, and a download full of personal data).
    const exporter = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    await system
      .http()
      .get(`/branches/${branch.id}/members.csv`)
      .set('Authorization', `Bearer ${exporter}`)
      .expect(200);
    tokens.push(exporter);

    // The page forms: joining, a copy of one's data, replying to an event, writing letters, a
    // venue's pledge, and signing from an embed on another site.
    const { pageJoiner, pageWriter, pageReplier, pageOwner, embedSigner } = people;
    await system
      .http()
      .post('/join')
      .type('form')
      .send({ ...pageJoiner, emailOptIn: 'yes', branchSlug: branch.slug })
      .expect(303);
    await system
      .http()
      .post('/confirm-email')
      .type('form')
      .send({ token: await newLinkFrom(pageJoiner.email, '/confirm-email') })
      .expect(200);
    await system
      .http()
      .post('/your-data')
      .type('form')
      .send({ request: 'copy', copyEmail: pageJoiner.email })
      .expect(303);
    await system
      .http()
      .get(`/my-data?token=${await newLinkFrom(pageJoiner.email, '/my-data')}`)
      .expect(200);

    const pageEvent = await createEvent(system.db, {
      branchId: branch.id,
      isTraining: false,
      trainingKind: null,
    });
    await system
      .http()
      .post(`/events/${pageEvent.id}`)
      .type('form')
      .send({ ...pageReplier, emailOptIn: 'yes' })
      .expect(303);
    const checkInLink = qrLinkFrom(await system.mail.waitFor(pageReplier.email));
    const checkInCode = decodeURIComponent(checkInLink.slice(checkInLink.indexOf('#code=') + 6));
    tokens.push(checkInCode);

    await system
      .http()
      .post(`/write/${campaign.slug}`)
      .type('form')
      .send({
        action: 'send',
        ...pageWriter,
        subject: 'Drug checking in Aberdeen',
        body: `Dear Minister,\n\nPeople who use drugs need drug checking.\n\n${pageWriter.fullName}`,
      })
      .expect(303);
    await system
      .http()
      .post('/letters/confirm')
      .type('form')
      .send({ token: await newLinkFrom(pageWriter.email, '/letters/confirm') })
      .expect(200);
    await system
      .http()
      .get(`/letters/status?key=${await newLinkFrom(pageWriter.email, '/letters/status', 'key')}`)
      .expect(200);

    await system
      .http()
      .post('/pledge')
      .type('form')
      .send(
        `name=The+Pemberton+Arms&kind=BAR&address=5+Gordon+Street&postcode=${encodeURIComponent(pageOwner.postcode)}` +
          `&fullName=${encodeURIComponent(pageOwner.fullName)}&email=${encodeURIComponent(pageOwner.email)}` +
          '&role=owner&commitments=free-water&notes=Ask+for+Ruaridh',
      )
      .expect(303);
    await system
      .http()
      .post('/pledges/confirm')
      .type('form')
      .send({ token: await newLinkFrom(pageOwner.email, '/pledges/confirm') })
      .expect(200);

    await system
      .http()
      .post(`/embed/petitions/${petition.slug}`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...embedSigner, emailOptIn: 'true' })
      .expect(303);
    await newLinkFrom(embedSigner.email, '/petitions/confirm');

    // The questionnaire after the letters went (GraphQL writer), answered with the reply's words.
    const questionnaire = await newLinkFrom(writer.email, '/letters/questionnaire');
    const form = await system.http().get(`/letters/questionnaire?token=${questionnaire}`).expect(200);
    const i = new RegExp(`name="target-(\\d+)" value="${minister.id}"`).exec(form.text)![1];
    await system
      .http()
      .post('/letters/questionnaire')
      .type('form')
      .send({
        token: questionnaire,
        [`target-${i}`]: minister.id,
        [`replied-${i}`]: 'YES',
        [`stance-${i}`]: 'SUPPORTIVE',
        [`replyText-${i}`]: replyText,
      })
      .expect(200);

    // Checking in at the door by the emailed code; a mailing to the branch and its one-click
    // unsubscribe; a campaign email's unsubscribe link; a branch's import of a known address, and
    // the person's confirmation that the branch may have it.
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    tokens.push(organiser);
    await gql(
      'mutation($eventId: ID!, $code: String!) { checkInByCode(eventId: $eventId, code: $code) { id } }',
      { eventId: pageEvent.id, code: checkInCode },
      organiser,
    );
    const created = await gql(
      'mutation($input: CreateMailingInput!) { createMailing(input: $input) { id } }',
      {
        input: {
          branchId: branch.id,
          subject: 'News for {{member.firstName}}',
          body: 'Hello {{member.firstName}}',
          audience: { postcodeAreas: ['KY'] },
        },
      },
      organiser,
    );
    const mailingId = (created.data as { createMailing: { id: string } }).createMailing.id;
    await gql('mutation($id: ID!) { sendMailing(id: $id) { status } }', { id: mailingId }, organiser);
    const mailingStop = await newLinkFrom(pageJoiner.email, '/mailings/unsubscribe');
    await system.http().get(`/mailings/unsubscribe?token=${mailingStop}`).expect(200);
    await system
      .http()
      .post(`/mailings/unsubscribe?token=${mailingStop}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);

    const confirmedJoiner = await system.db.getRepository(Member).findOneByOrFail({ email: joiner.email });
    await system.api.get(OutboxService).transaction(async (manager, mail) => {
      await system.api
        .get(DataRightsService)
        .addCampaignMail(manager, mail, confirmedJoiner, newsletter, { fullName: confirmedJoiner.fullName });
    });
    const stop = await newLinkFrom(joiner.email, '/unsubscribe');
    await system.http().get(`/unsubscribe?token=${stop}`).expect(200);
    await system
      .http()
      .post(`/unsubscribe?token=${stop}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);

    const otherBranch = await createBranch(system.db, { postcodeAreas: [] });
    const otherOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: otherBranch.id }] }),
    );
    tokens.push(otherOrganiser);
    await system
      .http()
      .post(`/branches/${otherBranch.id}/members/import`)
      .set('Authorization', `Bearer ${otherOrganiser}`)
      .set('Content-Type', 'text/csv')
      .send(
        `email,full_name,postcode\n${pageReplier.email},${pageReplier.fullName},${pageReplier.postcode}\n`,
      )
      .expect(200);
    await system
      .http()
      .post('/membership/confirm')
      .type('form')
      .send({ token: await newLinkFrom(pageReplier.email, '/membership/confirm') })
      .expect(200);

    // The worker's failure paths: a permanent refusal (5xx) and a temporary one (4xx) then delivery.
    const { bounced, deferred } = people;
    system.mail.refuse(bounced.email, 550);
    system.mail.refuse(deferred.email, 451, 2);
    for (const person of [bounced, deferred]) {
      await gql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
        input: { ...person, emailOptIn: false },
      });
    }
    await system.mail.waitFor(deferred.email);
    await system.eventually(async () => {
      const rows = await system.db.query<Array<{ status: string; attempts: number }>>(
        `SELECT status, attempts FROM outbox_message WHERE to_address = $1`,
        [bounced.email],
      );
      return rows[0]?.status === 'FAILED' ? true : undefined;
    });
    const [deferredRow] = await system.db.query<Array<{ attempts: number }>>(
      `SELECT attempts FROM outbox_message WHERE to_address = $1`,
      [deferred.email],
    );
    expect(deferredRow.attempts).toBe(3);

    // The logs were written (so this test can see them) …
    await system.eventually(async () => lines.some((l) => l.includes('Sent email')));
    const output = lines.join('');
    expect(output).toContain('POST /graphql 200');
    expect(output).toContain('POST /petitions/confirm 200');
    for (const line of [
      'POST /join 303',
      'POST /your-data 303',
      'POST /pledge 303',
      'GET /letters/status 200',
      'POST /letters/questionnaire 200',
      'POST /mailings/unsubscribe 200',
      'POST /unsubscribe 200',
      'POST /membership/confirm 200',
    ]) {
      expect(output).toContain(line);
    }
    expect(output).toContain('(join-confirmation) failed: 550');
    expect(output).toContain('will be retried');
    // … and hold none of it.
    const secrets = Object.values(people).flatMap((p) => [
      p.fullName,
      ...p.fullName.split(' '),
      p.email,
      p.email.split('@')[0],
      p.postcode,
      p.postcode.replace(' ', ''),
    ]);
    for (const secret of [...secrets, replyText, ...tokens]) {
      expect({ secret, found: output.toLowerCase().includes(secret.toLowerCase()) }).toEqual({
        secret,
        found: false,
      });
    }
  });
});
