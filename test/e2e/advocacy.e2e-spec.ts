import { setTimeout as sleep } from 'node:timers/promises';
import { Branch } from '@app/branches';
import { AuditEvent } from '@app/core';
import { Letter, LetterAnswer, LetterCampaign, TargetStance } from '@app/letters';
import { PersonalDataRegistry } from '@app/members';
import { Target } from '@app/targets';
import { createBranch, createMember, signIn } from '../factories';
import { createOpenLetterCampaign } from '../factories/letters';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const CONFIRM = 'mutation($token: String!) { confirmLetters(token: $token) { queued } }';
const ANSWER = `mutation($token: String!, $answers: [LetterQuestionnaireAnswerInput!]!) {
  answerLetterQuestionnaire(token: $token, answers: $answers) { answered campaign { slug } } }`;
const SCORECARD = `query($slug: String!) { letterCampaign(slug: $slug) { scorecard {
  target { id name kind } constituency { name } region { name }
  lettersSent answers replies replyRate stance stanceVerified } } }`;
const RECORD = `mutation($input: RecordTargetStanceInput!) {
  recordTargetStance(input: $input) { id stance source statedAt } }`;
const HISTORY = `query($slug: String!, $targetId: ID!) { letterCampaign(slug: $slug) {
  stanceHistory(targetId: $targetId) { stance source statedAt } } }`;

interface Row {
  target: { id: string; name: string; kind: string };
  constituency: { name: string } | null;
  region: { name: string } | null;
  lettersSent: number;
  answers: number;
  replies: number;
  replyRate: number | null;
  stance: string | null;
  stanceVerified: boolean;
}

/**
 * Replies and stances end to end: the "did you get a reply?" questionnaire (timing, one email per
 * campaign, one reminder, answers recorded only when sent), organisers' stances with history, and
 * the public scorecard (counts right, nothing personal).
 */
describe('advocacy: replies, stances and the scorecard', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let campaign: LetterCampaign;
  let aberdeenCentral: Target;

  beforeAll(async () => {
    system = await TestSystem.start({
      env: {
        LETTER_QUESTIONNAIRE_AFTER: 'PT2S',
        LETTER_QUESTIONNAIRE_REMINDER_AFTER: 'PT3S',
        SCHEDULE_INTERVAL_MS: '200',
        LETTER_TARGET_INTERVAL_MS: '0',
      },
    });
    await importScotland(system);
    branch = await createBranch(system.db, { postcodeAreas: ['AB'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    campaign = await createOpenLetterCampaign(system.db, { branchId: branch.id });
    aberdeenCentral = await system.db
      .getRepository(Target)
      .findOneByOrFail({ kind: 'MSP_CONSTITUENCY', constituencyCode: 'S16000074' });
  });
  afterAll(() => system.stop());

  const email = (n: string) => `supporter-${n}@example.org`;

  /** Writes to the eight MSPs for AB2 1DD and confirms; the letters are then sent by the worker. */
  async function writeAndConfirm(n: string): Promise<void> {
    const res = await system.graphql(WRITE, {
      input: {
        campaignSlug: campaign.slug,
        fullName: `Sam Supporter${n}`,
        email: email(n),
        postcode: 'AB2 1DD',
        subject: 'Drug checking in {{constituency.name}}',
        body: `Dear {{target.name}},\n\nPlease back drug checking. Private detail ${n}.\n\n{{supporter.fullName}}`,
        emailOptIn: false,
      },
    });
    expect(res.errors).toBeUndefined();
    const mail = await system.mail.waitFor(email(n));
    const confirmed = await system.graphql(CONFIRM, { token: tokenFromMail(mail.text, '/letters/confirm') });
    expect(confirmed.errors).toBeUndefined();
  }

  const questionnaireMails = (n: string) =>
    system.mail.to(email(n)).filter((m) => m.subject.startsWith('Did you get a reply?'));
  const reminderMails = (n: string) =>
    system.mail.to(email(n)).filter((m) => m.subject.startsWith('A reminder: did you get a reply?'));
  const answersOf = (n: string) =>
    system.db.query<
      Array<{ replied: string; stance: string | null; reply_text: string | null; target_id: string }>
    >(
      `SELECT a.replied, a.stance, a.reply_text, l.target_id FROM letter_answer a
       JOIN letter l ON l.id = a.letter_id WHERE l.email = $1 ORDER BY l.target_id`,
      [email(n)],
    );
  const scorecard = async (): Promise<Row[]> => {
    const res = await system.graphql<{ letterCampaign: { scorecard: Row[] } }>(SCORECARD, {
      slug: campaign.slug,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.letterCampaign.scorecard;
  };

  let tokenA = '';
  let tokenB = '';

  it('asks once per campaign, after the letters are sent, and reminds once', async () => {
    await Promise.all([writeAndConfirm('a'), writeAndConfirm('b')]);
    await system.eventually(async () => {
      const [{ n }] = await system.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM letter WHERE status = 'SENT'`,
      );
      return n === 16;
    });
    // B answers as soon as asked (so is never reminded); A does not.
    await system.mail.waitFor(email('b'), 3);
    const first = questionnaireMails('b')[0];
    tokenB = tokenFromMail(first.text, '/letters/questionnaire');
    expect(first.text).toContain('MSP for Aberdeen Central');
    const page = await system.http().get(`/letters/questionnaire?token=${tokenB}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Did MSP for Aberdeen Central reply?');
    // The GET shows the form and records nothing.
    expect(await answersOf('b')).toEqual([]);
    const i = new RegExp(`name="target-(\\d+)" value="${aberdeenCentral.id}"`).exec(page.text)![1];
    // Nothing chosen: the form again with the error summary, nothing recorded.
    const empty = await system.http().post('/letters/questionnaire').type('form').send({ token: tokenB });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('error-summary');
    expect(empty.text).toContain('Choose an answer for at least one person');
    const contradictory = await system
      .http()
      .post('/letters/questionnaire')
      .type('form')
      .send({
        token: tokenB,
        [`target-${i}`]: aberdeenCentral.id,
        [`replied-${i}`]: 'NO',
        [`stance-${i}`]: 'OPPOSED',
      });
    expect(contradictory.status).toBe(422);
    expect(contradictory.text).toContain(`href="#f-stance-${i}"`);
    expect(await answersOf('b')).toEqual([]);
    const posted = await system
      .http()
      .post('/letters/questionnaire')
      .type('form')
      .send({
        token: tokenB,
        [`target-${i}`]: aberdeenCentral.id,
        [`replied-${i}`]: 'YES',
        [`stance-${i}`]: 'SUPPORTIVE',
        [`replyText-${i}`]: 'Thank you for writing; I will support it.',
      });
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('Thank you for telling us');
    expect(await answersOf('b')).toHaveLength(1);

    await system.mail.waitFor(email('a'), 3);
    const asked = await system.db.query<Array<{ asked: Date; sent: Date }>>(
      `SELECT (SELECT created_at FROM outbox_message WHERE template = 'letter-questionnaire' AND to_address = $1) AS asked,
              (SELECT max(sent_at) FROM letter WHERE email = $1) AS sent`,
      [email('a')],
    );
    expect(asked[0].asked.getTime() - asked[0].sent.getTime()).toBeGreaterThanOrEqual(2000);
    tokenA = tokenFromMail(questionnaireMails('a')[0].text, '/letters/questionnaire');

    // The reminder, once, to A only; then nothing more however long we wait.
    await system.mail.waitFor(email('a'), 4);
    await sleep(3500);
    expect(questionnaireMails('a')).toHaveLength(1);
    expect(reminderMails('a')).toHaveLength(1);
    expect(questionnaireMails('b')).toHaveLength(1);
    expect(reminderMails('b')).toHaveLength(0);
    expect(await system.db.query('SELECT count(*)::int AS n FROM letter_questionnaire')).toEqual([{ n: 2 }]);
  });

  it('records answers by the mutation, with either link, and refuses bad answers changing nothing', async () => {
    const reminderToken = tokenFromMail(reminderMails('a')[0].text, '/letters/questionnaire');
    expect(reminderToken).not.toBe(tokenA);
    const letters = await system.db.getRepository(Letter).find({
      where: { email: email('a') },
      relations: { target: true },
    });
    const regional = letters.find((l) => l.target!.kind === 'MSP_REGIONAL')!;

    const bad = await system.graphql(ANSWER, {
      token: tokenA,
      answers: [
        { targetId: aberdeenCentral.id, replied: 'YES', stance: 'OPPOSED' },
        { targetId: regional.targetId, replied: 'NOT_YET', stance: 'SUPPORTIVE' },
      ],
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((bad.errors?.[0].extensions as { reason?: string }).reason).toBe('ANSWER_NOT_ACCEPTED');
    const stranger = await system.graphql(ANSWER, {
      token: tokenA,
      answers: [{ targetId: '00000000-0000-4000-8000-000000000000', replied: 'NO' }],
    });
    expect(stranger.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const badToken = await system.graphql(ANSWER, {
      token: 'not-a-token',
      answers: [{ targetId: aberdeenCentral.id, replied: 'NO' }],
    });
    expect((badToken.errors?.[0].extensions as { reason?: string }).reason).toBe('LINK_EXPIRED');
    expect(await answersOf('a')).toEqual([]);

    const ok = await system.graphql<{ answerLetterQuestionnaire: { answered: number } }>(ANSWER, {
      token: reminderToken,
      answers: [
        { targetId: aberdeenCentral.id, replied: 'NOT_YET' },
        { targetId: regional.targetId, replied: 'YES', stance: 'OPPOSED', replyText: 'No thank you.' },
      ],
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.answerLetterQuestionnaire.answered).toBe(2);
    // Re-answerable: a reply came after "not yet".
    const later = await system.graphql(ANSWER, {
      token: tokenA,
      answers: [{ targetId: aberdeenCentral.id, replied: 'YES', stance: 'SUPPORTIVE' }],
    });
    expect(later.errors).toBeUndefined();
    const answers = await answersOf('a');
    expect(answers).toHaveLength(2);
    expect(answers.find((a) => a.target_id === aberdeenCentral.id)).toMatchObject({
      replied: 'YES',
      stance: 'SUPPORTIVE',
    });
    expect(await system.db.getRepository(LetterAnswer).count()).toBe(3);

    // The supporter's data download has their answers, and the reply's words they shared.
    const download = await system.db.transaction((manager) =>
      system.api.get(PersonalDataRegistry).collect(manager, { memberId: null, email: email('a') }),
    );
    expect(JSON.stringify(download.letters)).toContain('No thank you.');
    expect(download.letters).toEqual(
      expect.arrayContaining([expect.objectContaining({ replied: 'YES', replyStance: 'OPPOSED' })]),
    );
  });

  it('shows counts and stances on the public scorecard, and nothing personal', async () => {
    const rows = await scorecard();
    expect(rows).toHaveLength(8);
    const central = rows.find((r) => r.target.id === aberdeenCentral.id)!;
    expect(central).toMatchObject({
      lettersSent: 2,
      answers: 2,
      replies: 2,
      replyRate: 1,
      stance: 'SUPPORTIVE',
      stanceVerified: false,
      constituency: { name: 'Aberdeen Central' },
      region: { name: 'North East Scotland' },
    });
    const regionalRows = rows.filter((r) => r.target.kind === 'MSP_REGIONAL');
    expect(regionalRows.every((r) => r.lettersSent === 2 && r.region?.name === 'North East Scotland')).toBe(
      true,
    );
    expect(
      regionalRows.filter((r) => r.answers === 1 && r.replies === 1 && r.stance === 'OPPOSED'),
    ).toHaveLength(1);
    expect(regionalRows.filter((r) => r.answers === 0 && r.replyRate === null)).toHaveLength(6);

    const page = await system.http().get(`/write/${campaign.slug}/scorecard?sort=sent&dir=desc`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('North East Scotland');
    expect(page.text).toContain('aria-sort="descending"');
    for (const text of [JSON.stringify(rows), page.text]) {
      for (const personal of [
        'Supporter',
        'supporter-',
        'AB2',
        'Private detail',
        'No thank you',
        'will support it',
      ]) {
        expect(text).not.toContain(personal);
      }
    }
  });

  it('lets organisers record stances, keeps the history, audits it, and the scorecard shows it verified', async () => {
    const input = {
      targetId: aberdeenCentral.id,
      campaignId: campaign.id,
      stance: 'NON_COMMITTAL',
      source: 'Reply to the branch, 1 May',
      statedAt: '2026-05-01T10:00:00Z',
    };
    const other = await createBranch(system.db, { postcodeAreas: ['G'] });
    const outsider = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: other.id }] }),
    );
    const refused = await system.graphql(RECORD, { input }, outsider);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const anonymous = await system.graphql(RECORD, { input });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const future = await system.graphql(
      RECORD,
      { input: { ...input, statedAt: '2099-01-01T00:00:00Z' } },
      organiser,
    );
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await system.db.getRepository(TargetStance).count()).toBe(0);

    expect((await system.graphql(RECORD, { input }, organiser)).errors).toBeUndefined();
    const latest = await system.graphql(
      RECORD,
      { input: { ...input, stance: 'OPPOSED', source: 'Holyrood debate', statedAt: '2026-06-01T10:00:00Z' } },
      organiser,
    );
    expect(latest.errors).toBeUndefined();
    // An older statement recorded later is history, not the latest stance.
    await system.graphql(
      RECORD,
      { input: { ...input, stance: 'SUPPORTIVE', source: 'Old leaflet', statedAt: '2025-01-01T10:00:00Z' } },
      organiser,
    );

    const history = await system.graphql<{ letterCampaign: { stanceHistory: Array<{ stance: string }> } }>(
      HISTORY,
      { slug: campaign.slug, targetId: aberdeenCentral.id },
      organiser,
    );
    expect(history.data!.letterCampaign.stanceHistory.map((s) => s.stance)).toEqual([
      'OPPOSED',
      'NON_COMMITTAL',
      'SUPPORTIVE',
    ]);
    const hidden = await system.graphql(HISTORY, { slug: campaign.slug, targetId: aberdeenCentral.id });
    expect(hidden.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await system.db.getRepository(AuditEvent).countBy({ action: 'letter-campaign.stance-recorded' }),
    ).toBe(3);

    const central = (await scorecard()).find((r) => r.target.id === aberdeenCentral.id)!;
    expect(central).toMatchObject({ stance: 'OPPOSED', stanceVerified: true });
    const page = await system.http().get(`/write/${campaign.slug}/scorecard`);
    expect(page.text).toContain('confirmed by the campaign');
  });

  it('scores how closely a new letter copies those already sent to the same MSP, and says so on the preview', async () => {
    const body = (extra: string) =>
      `Dear {{target.name}},\n\nPlease back drug checking. Private detail ${extra}.\n\n{{supporter.fullName}}`;
    const copy = {
      campaignSlug: campaign.slug,
      fullName: 'Sam Copier',
      email: email('c'),
      postcode: 'AB2 1DD',
      subject: 'Drug checking in {{constituency.name}}',
      body: body('a'),
      emailOptIn: false,
    };
    const own =
      'Dear {{target.name}},\n\nLast year my neighbour nearly died after taking pills nobody could test. ' +
      'A drug checking service in Aberdeen would have told him what was in them. Will you visit one?\n\n{{supporter.fullName}}';
    expect((await system.graphql(WRITE, { input: copy })).errors).toBeUndefined();
    expect(
      (await system.graphql(WRITE, { input: { ...copy, email: email('d'), fullName: 'Sam Own', body: own } }))
        .errors,
    ).toBeUndefined();
    const scores = async (n: string) =>
      (
        await system.db.query<Array<{ near_copy_score: number; minhash: number[] }>>(
          'SELECT near_copy_score, minhash FROM letter WHERE email = $1',
          [email(n)],
        )
      ).map((r) => {
        expect(r.minhash).toHaveLength(64);
        return r.near_copy_score;
      });
    const copied = await scores('c');
    expect(copied).toHaveLength(8);
    expect(Math.min(...copied)).toBeGreaterThan(0.6);
    const original = await scores('d');
    expect(Math.max(...original)).toBeLessThan(0.3);

    const preview = (text: string) =>
      system.http().post(`/write/${campaign.slug}`).type('form').send({
        action: 'preview',
        postcode: 'AB2 1DD',
        subject: copy.subject,
        body: text,
        fullName: 'Sam',
        email: '',
      });
    const high = await preview(body('zz'));
    expect(high.status).toBe(200);
    expect(high.text).toMatch(/reads about \d+% like letters other people have already sent/);
    // A DELIVER campaign: no digest.
    expect(high.text).not.toContain('daily digest');
    const low = await preview(own);
    expect(low.text).toContain('thank you for using your own words');
  });
});
