import { randomUUID } from 'node:crypto';
import { Branch } from '@app/branches';
import { AuditEvent } from '@app/core';
import { OutboxMessage } from '@app/mail';
import { Petition, Signature } from '@app/petitions';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { importScotland } from '../support/scotland';
import { TestSystem } from '../support/test-system';

const BRIEFING = `query($id: ID!) { petitionBriefing(petitionId: $id) {
  total rows { target { id name kind constituencyCode regionCode } area signers lastSentAt } } }`;
const SEND = `mutation($id: ID!, $message: String!, $resend: Boolean) {
  sendPetitionBriefing(petitionId: $id, message: $message, resend: $resend) { sent alreadySent } }`;

interface BriefingRow {
  target: {
    id: string;
    name: string;
    kind: string;
    constituencyCode: string | null;
    regionCode: string | null;
  };
  area: string;
  signers: number;
  lastSentAt: string | null;
}

/**
 * Per-MSP petition briefings on the 2011 geography (73 constituencies, 8 regions, 129 MSPs): counts
 * equal the signatures placed in each constituency and region, the CSV is authorised and audited,
 * and a briefing sent twice (even at once) goes once to each MSP unless re-sent on purpose.
 */
describe('petition briefings for MSPs', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let outsider: string;
  let petition: Petition;
  /** What each constituency and region should count, worked out from the fixture, not the code. */
  const expectedConstituency = new Map<string, number>();
  const expectedRegion = new Map<string, number>();
  let expectedTotal = 0;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { LETTER_TARGET_INTERVAL_MS: '0' } });
    await importScotland(system);
    branch = await createBranch(system.db, { postcodeAreas: ['AB'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    const other = await createBranch(system.db, { postcodeAreas: ['G'] });
    outsider = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: other.id }] }),
    );
    petition = await createOpenPetition(system.db, { branchId: branch.id });

    const constituencies = await system.db.query<Array<{ code: string; region: string }>>(
      `SELECT c.code, r.code AS region FROM constituency c JOIN region r ON r.id = c.region_id
       JOIN geography_set s ON s.id = c.set_id WHERE s.active ORDER BY c.code`,
    );
    expect(constituencies).toHaveLength(73);
    // A different number of confirmed signers in each constituency (1, 2, … 73), plus signatures
    // that must not count in any constituency: pending ones, and confirmed ones not placed.
    const rows: Array<Partial<Signature>> = [];
    constituencies.forEach(({ code, region }, i) => {
      const n = (i % 9) + 1;
      expectedConstituency.set(code, n);
      expectedRegion.set(region, (expectedRegion.get(region) ?? 0) + n);
      expectedTotal += n;
      for (let k = 0; k < n; k += 1) {
        rows.push(signature(code, 'CONFIRMED'));
      }
      rows.push(signature(code, 'PENDING'));
    });
    for (let k = 0; k < 4; k += 1) {
      rows.push(signature(null, 'CONFIRMED'));
    }
    expectedTotal += 4;
    await system.db.getRepository(Signature).insert(rows);
  });
  afterAll(() => system.stop());

  const signature = (
    constituencyCode: string | null,
    status: 'CONFIRMED' | 'PENDING',
  ): Partial<Signature> => {
    const id = randomUUID();
    return {
      petitionId: petition.id,
      fullName: 'Alex Signer',
      email: `${id}@example.org`,
      emailCanonical: `${id}@example.org`,
      postcode: null,
      constituencyCode,
      status,
      confirmedAt: status === 'CONFIRMED' ? new Date() : null,
    };
  };

  const briefing = async (token = organiser) =>
    system.graphql<{ petitionBriefing: { total: number; rows: BriefingRow[] } }>(
      BRIEFING,
      { id: petition.id },
      token,
    );

  it('counts the confirmed signers in each constituency MSP’s constituency and each regional MSP’s region', async () => {
    const res = await briefing();
    expect(res.errors).toBeUndefined();
    const { total, rows } = res.data!.petitionBriefing;
    expect(total).toBe(expectedTotal);
    const constituencyRows = rows.filter((r) => r.target.kind === 'MSP_CONSTITUENCY');
    const regionalRows = rows.filter((r) => r.target.kind === 'MSP_REGIONAL');
    expect(constituencyRows).toHaveLength(73);
    expect(regionalRows).toHaveLength(56);
    for (const row of constituencyRows) {
      expect(row.signers).toBe(expectedConstituency.get(row.target.constituencyCode!));
    }
    for (const row of regionalRows) {
      expect(row.signers).toBe(expectedRegion.get(row.target.regionCode!));
    }
    // Every confirmed signer placed in Scotland is counted once among the constituency MSPs and once
    // among each region's seven.
    expect(constituencyRows.reduce((sum, r) => sum + r.signers, 0)).toBe(expectedTotal - 4);
    expect(regionalRows.reduce((sum, r) => sum + r.signers, 0)).toBe((expectedTotal - 4) * 7);
    expect(constituencyRows.find((r) => r.target.constituencyCode === 'S16000074')!.area).toBe(
      'Aberdeen Central',
    );
  });

  it('is for the petition’s organisers only, and the CSV download is audited', async () => {
    const refused = await briefing(outsider);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const anonymous = await system.graphql(BRIEFING, { id: petition.id });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const denied = await system
      .http()
      .get(`/petitions/${petition.id}/briefing.csv`)
      .set('Authorization', `Bearer ${outsider}`);
    expect(denied.status).toBe(404);

    const csv = await system
      .http()
      .get(`/petitions/${petition.id}/briefing.csv`)
      .set('Authorization', `Bearer ${organiser}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('msp,kind,constituency_or_region,signers,petition_total');
    expect(lines).toHaveLength(130);
    expect(csv.text).not.toContain('Alex Signer');
    const audit = await system.db
      .getRepository(AuditEvent)
      .findBy({ action: 'petition.briefing-export', subjectId: petition.id });
    expect(audit).toHaveLength(1);
    expect(audit[0].rowCount).toBe(129);
  });

  it('emails each MSP their own figures once, however many times it is sent at once, unless re-sent', async () => {
    const empty = await system.graphql(SEND, { id: petition.id, message: '   ' }, organiser);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const outsiders = await system.graphql(SEND, { id: petition.id, message: 'Hello' }, outsider);
    expect(outsiders.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });

    const message = 'Your constituents want drug checking. Will you back it?';
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        system.graphql<{ sendPetitionBriefing: { sent: number; alreadySent: number } }>(
          SEND,
          { id: petition.id, message },
          organiser,
        ),
      ),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
    }
    expect(results.reduce((sum, r) => sum + r.data!.sendPetitionBriefing.sent, 0)).toBe(129);
    const briefings = () => system.db.getRepository(OutboxMessage).countBy({ template: 'petition-briefing' });
    expect(await briefings()).toBe(129);

    const aberdeen = 's16000074@msp.example.org';
    const mail = await system.mail.waitFor(aberdeen);
    expect(mail.subject).toContain(
      `${expectedConstituency.get('S16000074')} people in Aberdeen Central signed`,
    );
    expect(mail.text).toContain(message);
    expect(mail.text).toContain(`${expectedTotal} people have signed it in all`);
    await system.eventually(
      async () =>
        (await system.db
          .getRepository(OutboxMessage)
          .countBy({ template: 'petition-briefing', status: 'SENT' })) === 129,
    );
    expect(system.mail.to(aberdeen)).toHaveLength(1);

    const again = await system.graphql<{ sendPetitionBriefing: { sent: number; alreadySent: number } }>(
      SEND,
      { id: petition.id, message },
      organiser,
    );
    expect(again.data!.sendPetitionBriefing).toEqual({ sent: 0, alreadySent: 129 });
    const resent = await system.graphql<{ sendPetitionBriefing: { sent: number } }>(
      SEND,
      { id: petition.id, message, resend: true },
      organiser,
    );
    expect(resent.data!.sendPetitionBriefing.sent).toBe(129);
    expect(await briefings()).toBe(258);
    expect(
      await system.db.query(`SELECT count(*)::int AS n FROM petition_briefing WHERE sendings = 2`),
    ).toEqual([{ n: 129 }]);
    expect(
      await system.db
        .getRepository(AuditEvent)
        .countBy({ action: 'petition.briefing-sent', subjectId: petition.id }),
    ).toBe(6);
    const after = await briefing();
    expect(after.data!.petitionBriefing.rows.every((r) => r.lastSentAt)).toBe(true);
  });
  it('refuses a draft petition (its link would not work yet) and skips MSPs none of whose constituents signed', async () => {
    const draft = await createOpenPetition(system.db, { branchId: branch.id, status: 'DRAFT' });
    const before = await system.db.getRepository(OutboxMessage).countBy({ template: 'petition-briefing' });
    const refused = await system.graphql(SEND, { id: draft.id, message: 'Please back it.' }, organiser);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'PETITION_NOT_PUBLISHED',
    });
    expect(await system.db.getRepository(OutboxMessage).countBy({ template: 'petition-briefing' })).toBe(
      before,
    );
    expect(
      await system.db.query(`SELECT count(*)::int AS n FROM petition_briefing WHERE petition_id = $1`, [
        draft.id,
      ]),
    ).toEqual([{ n: 0 }]);

    // Signers in one constituency only: its MSP and the region's seven are emailed, nobody else.
    const few = await createOpenPetition(system.db, { branchId: branch.id });
    await system.db
      .getRepository(Signature)
      .insert([1, 2, 3].map(() => ({ ...signature('S16000074', 'CONFIRMED'), petitionId: few.id })));
    const sent = await system.graphql<{ sendPetitionBriefing: { sent: number; alreadySent: number } }>(
      SEND,
      { id: few.id, message: 'Three of your constituents signed.' },
      organiser,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendPetitionBriefing).toEqual({ sent: 8, alreadySent: 0 });
    const recipients = await system.db.query<Array<{ kind: string }>>(
      `SELECT t.kind FROM petition_briefing b JOIN target t ON t.id = b.target_id WHERE b.petition_id = $1`,
      [few.id],
    );
    expect(recipients.filter((r) => r.kind === 'MSP_CONSTITUENCY')).toHaveLength(1);
    expect(recipients.filter((r) => r.kind === 'MSP_REGIONAL')).toHaveLength(7);
  });
});
