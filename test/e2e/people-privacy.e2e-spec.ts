import { Branch } from '@app/branches';
import { Certificate, Rsvp } from '@app/events';
import { Member } from '@app/members';
import { Pledge } from '@app/pledges';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem, tokenFromMail } from '../support/test-system';

const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishEvent(id: $id) { id } }`;
const RSVP = `mutation($input: RsvpInput!) { rsvp(input: $input) { status } }`;
const WALK_IN = `mutation($input: RsvpInput!) {
  registerWalkIn(input: $input) { id memberId fullName email status walkIn checkedInAt }
}`;
const ATTENDEES = `query($eventId: ID!) {
  eventAttendees(eventId: $eventId) { totalCount edges { node { id memberId fullName email status } } }
}`;
const CREATE_MEMBER = `mutation($input: CreateMemberInput!) {
  createMember(input: $input) { fullName email postcode emailOptIn emailConfirmed tags archived branch { slug } }
}`;
const MEMBERS = `query($branchId: ID) {
  members(branchId: $branchId, first: 100) { totalCount edges { node { id email fullName } } }
}`;
const HOUR = 3_600_000;

type Attendee = {
  id: string;
  memberId: string | null;
  fullName: string;
  email: string;
  status: string;
};
type Attendees = { eventAttendees: { totalCount: number; edges: Array<{ node: Attendee }> } };
type MembersPage = {
  members: { totalCount: number; edges: Array<{ node: { id: string; email: string; fullName: string } }> };
};

describe('people across branches: names, attendance and membership stay private', () => {
  let system: TestSystem;
  let dundee: Branch;
  let glasgow: Branch;
  let dundeeOrganiser: string;
  let n = 0;

  /** Someone who belongs to the Glasgow branch, with the name they gave us. */
  const glasgowMember = (overrides: Partial<Member> = {}): Promise<Member> => {
    n += 1;
    return createMember(system.db, {
      email: `glasgow-${n}@example.org`,
      fullName: `Stored Name ${n}`,
      postcode: 'G1 1AA',
      branchId: glasgow.id,
      emailConfirmedAt: new Date(),
      ...overrides,
    });
  };

  async function dundeeEvent(overrides: Record<string, unknown> = {}): Promise<string> {
    const startsAt = new Date(Date.now() + 5 * 24 * HOUR);
    const created = await system.graphql<{ createEvent: { id: string } }>(
      CREATE_EVENT,
      {
        input: {
          branchId: dundee.id,
          title: 'Naloxone training',
          kind: 'TRAINING',
          trainingKind: 'naloxone',
          isTraining: true,
          certificateValidMonths: 12,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * HOUR),
          location: { name: 'Community hall' },
          capacity: 20,
          ...overrides,
        },
      },
      dundeeOrganiser,
    );
    if (!created.data) {
      throw new Error(JSON.stringify(created.errors));
    }
    await system.graphql(PUBLISH, { id: created.data.createEvent.id }, dundeeOrganiser);
    return created.data.createEvent.id;
  }

  const attendees = async (eventId: string): Promise<Attendee[]> =>
    (await system.graphql<Attendees>(ATTENDEES, { eventId }, dundeeOrganiser)).data!.eventAttendees.edges.map(
      (e) => e.node,
    );

  const dundeeMembers = async (): Promise<MembersPage['members']> =>
    (await system.graphql<MembersPage>(MEMBERS, { branchId: dundee.id }, dundeeOrganiser)).data!.members;

  beforeAll(async () => {
    system = await TestSystem.start();
    dundee = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    glasgow = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
    dundeeOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: dundee.id }] }),
    );
  });
  afterAll(() => system.stop());

  describe('names across branches (walk-ins and replies)', () => {
    it("a walk-in with another branch's member's address shows what was given, and touches nothing of theirs", async () => {
      const person = await glasgowMember();
      const eventId = await dundeeEvent();
      const walkIn = await system.graphql<{ registerWalkIn: Attendee & { walkIn: boolean } }>(
        WALK_IN,
        { input: { eventId, fullName: 'Whoever', email: person.email.toUpperCase(), emailOptIn: false } },
        dundeeOrganiser,
      );
      expect(walkIn.errors).toBeUndefined();
      expect(walkIn.data!.registerWalkIn).toMatchObject({
        fullName: 'Whoever',
        email: person.email.toUpperCase(),
        status: 'GOING',
        walkIn: true,
      });
      expect(walkIn.data!.registerWalkIn.memberId).not.toBe(person.id);
      expect(JSON.stringify(walkIn.data)).not.toContain('Stored Name');
      const listed = await attendees(eventId);
      expect(listed.map((a) => a.fullName)).toEqual(['Whoever']);
      expect(listed[0].memberId).not.toBe(person.id);

      // No attendance and no certificate on the Glasgow member's own record.
      expect(await system.db.getRepository(Rsvp).countBy({ memberId: person.id })).toBe(0);
      expect(await system.db.getRepository(Certificate).countBy({ memberId: person.id })).toBe(0);
      const stored = await system.db.getRepository(Member).findOneByOrFail({ id: person.id });
      expect(stored).toMatchObject({ fullName: person.fullName, branchId: glasgow.id });

      // The organisers' member lookups see a Dundee record holding only what they gave.
      const byId = await system.graphql<{ member: { fullName: string } }>(
        'query($id: ID!) { member(id: $id) { fullName } }',
        { id: listed[0].memberId },
        dundeeOrganiser,
      );
      expect(byId.data!.member.fullName).toBe('Whoever');
      const certificates = await system.graphql<{ certificates: Array<{ trainingKind: string }> }>(
        'query($id: ID!) { certificates(memberId: $id) { trainingKind } }',
        { id: listed[0].memberId },
        dundeeOrganiser,
      );
      expect(certificates.data!.certificates).toEqual([{ trainingKind: 'naloxone' }]);
      const own = await system.graphql(
        'query($id: ID!) { certificates(memberId: $id) { trainingKind } }',
        { id: person.id },
        dundeeOrganiser,
      );
      expect(own.errors?.[0].extensions?.code).toBe('NOT_FOUND');

      // The person is asked by email; confirming keeps the attendance and certificate with their
      // own record (and leaves their branch as it was).
      const ask = await system.mail.waitFor(person.email);
      expect(ask.text).toContain('Naloxone training');
      const token = tokenFromMail(ask.text, '/membership/confirm');
      expect((await system.http().get(`/membership/confirm?token=${token}`).expect(200)).text).toContain(
        '<form',
      );
      expect(await system.db.getRepository(Rsvp).countBy({ memberId: person.id })).toBe(0);
      await system.http().post('/membership/confirm').type('form').send({ token }).expect(200);
      expect(await system.db.getRepository(Rsvp).countBy({ memberId: person.id })).toBe(1);
      expect(await system.db.getRepository(Certificate).countBy({ memberId: person.id })).toBe(1);
      expect(await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).toMatchObject({
        fullName: person.fullName,
        branchId: glasgow.id,
      });
      expect(await system.db.getRepository(Member).countBy({ email: person.email })).toBe(1);
      // The attendee list still shows what was given at the door.
      expect((await attendees(eventId)).map((a) => a.fullName)).toEqual(['Whoever']);
      // A link works once.
      await system.http().post('/membership/confirm').type('form').send({ token }).expect(400);
    });

    it('an anonymous reply naming a known address shows the organisers only what was given with it', async () => {
      const person = await glasgowMember();
      const sameBranch = await createMember(system.db, {
        email: `dundee-${n}@example.org`,
        fullName: 'Dundee Stored',
        branchId: dundee.id,
      });
      const eventId = await dundeeEvent({ kind: 'MEETING', isTraining: false, trainingKind: null });
      for (const [who, name] of [
        [person, 'Typed By Someone'],
        [sameBranch, 'Given Today'],
      ] as const) {
        const res = await system.graphql(RSVP, {
          input: { eventId, fullName: name, email: who.email, emailOptIn: true },
        });
        expect(res.data).toEqual({ rsvp: { status: 'GOING' } });
      }
      const listed = await attendees(eventId);
      expect(listed.map((a) => a.fullName).sort()).toEqual(['Given Today', 'Typed By Someone']);
      expect(JSON.stringify(listed)).not.toContain('Stored');
      expect(listed.map((a) => a.memberId)).not.toContain(person.id);
      // A member of the event's own branch is linked as before (the organisers can see them anyway).
      expect(listed.map((a) => a.memberId)).toContain(sameBranch.id);
      expect(await system.db.getRepository(Rsvp).countBy({ memberId: person.id })).toBe(0);
      const untouched = await system.db.getRepository(Member).findOneByOrFail({ id: person.id });
      expect(untouched).toMatchObject({ fullName: person.fullName, emailOptIn: false, branchId: glasgow.id });

      // The CSV export shows the same.
      const csv = await system
        .http()
        .get(`/events/${eventId}/attendees.csv`)
        .set('Authorization', `Bearer ${dundeeOrganiser}`)
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => done(null, text));
        })
        .expect(200);
      expect(csv.body as string).toContain('Typed By Someone');
      expect(csv.body as string).not.toContain('Stored');

      // The person's own data download still finds the reply, and erasure removes it.
      await system.graphql('mutation($email: String!) { requestMyData(email: $email) }', {
        email: person.email,
      });
      const dataMail = await system.eventually(async () =>
        system.mail.to(person.email).find((m) => m.subject === 'Your data'),
      );
      const download = JSON.parse(
        (
          await system
            .http()
            .get(`/my-data?token=${tokenFromMail(dataMail.text, '/my-data')}`)
            .expect(200)
        ).text,
      ) as { eventReplies: Array<{ event: string; fullName: string }>; branchRecords: unknown[] };
      expect(download.eventReplies).toEqual([
        expect.objectContaining({ event: 'Naloxone training', fullName: 'Typed By Someone' }),
      ]);
      expect(download.branchRecords).toEqual([
        expect.objectContaining({ branch: 'dundee', fullName: 'Typed By Someone' }),
      ]);

      await system.graphql('mutation($email: String!) { requestErasure(email: $email) }', {
        email: person.email,
      });
      const eraseMail = await system.eventually(async () =>
        system.mail.to(person.email).find((m) => m.text.includes('/erase?token=')),
      );
      await system
        .http()
        .post('/erase')
        .type('form')
        .send({ token: tokenFromMail(eraseMail.text, '/erase') })
        .expect(200);
      const afterErasure = await attendees(eventId);
      expect(afterErasure.map((a) => a.fullName).sort()).toEqual(['Erased', 'Given Today']);
      expect(JSON.stringify(afterErasure)).not.toContain(person.email);
      expect(await system.db.getRepository(Member).countBy({ email: person.email })).toBe(0);
      expect((await dundeeMembers()).edges.map((e) => e.node.email)).not.toContain(person.email);
    });

    it('parallel replies and walk-ins with one known address make one record and one reply', async () => {
      const person = await glasgowMember();
      const eventId = await dundeeEvent({ kind: 'SOCIAL', isTraining: false, trainingKind: null });
      const input = { eventId, fullName: 'Parallel', email: person.email, emailOptIn: false };
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => system.graphql(RSVP, { input })),
        ...Array.from({ length: 4 }, () => system.graphql(WALK_IN, { input }, dundeeOrganiser)),
      ]);
      expect(results.filter((r) => r.errors)).toEqual([]);
      expect(await system.db.getRepository(Rsvp).countBy({ eventId })).toBe(1);
      expect(
        await system.db.getRepository(Member).countBy({ email: person.email, branchId: dundee.id }),
      ).toBe(1);
      expect(await system.db.getRepository(Rsvp).countBy({ memberId: person.id })).toBe(0);
    });
  });

  describe('no attendance oracle', () => {
    it('answers a reply from someone already going exactly as it answers someone new, and tells them by email', async () => {
      const eventId = await dundeeEvent({
        kind: 'ACTION',
        isTraining: false,
        trainingKind: null,
        capacity: 1,
      });
      const going = {
        eventId,
        fullName: 'First',
        email: `first-${eventId.slice(0, 8)}@example.org`,
        emailOptIn: false,
      };
      expect((await system.graphql(RSVP, { input: going })).data).toEqual({ rsvp: { status: 'GOING' } });
      await system.mail.waitFor(going.email);

      const again = await system.graphql(RSVP, { input: { ...going, fullName: 'Someone Testing' } });
      const stranger = await system.graphql(RSVP, {
        input: { ...going, email: `new-${eventId.slice(0, 8)}@example.org` },
      });
      expect(again).toEqual(stranger);
      expect(again.data).toEqual({ rsvp: { status: 'WAITLISTED' } });

      // Nothing changed for the person going; they hear the truth by email.
      const held = await system.db.getRepository(Rsvp).findOneByOrFail({ eventId, email: going.email });
      expect(held).toMatchObject({ status: 'GOING', fullName: 'First' });
      expect(await system.db.getRepository(Rsvp).countBy({ eventId })).toBe(2);
      const told = await system.mail.waitFor(going.email, 2);
      expect(told.text).toContain('You already have a place');

      // The same for someone waiting, once the event is full and has a waitlist.
      const waiting = await system.graphql(RSVP, {
        input: { ...going, email: `new-${eventId.slice(0, 8)}@example.org` },
      });
      expect(waiting.data).toEqual({ rsvp: { status: 'WAITLISTED' } });
      // And at most three such notices, however often someone tries (each try worded differently:
      // an identical one within REPEAT_WINDOW_SECONDS sends nothing at all).
      for (let i = 0; i < 4; i += 1) {
        await system.graphql(RSVP, { input: { ...going, fullName: `Try ${i}` } });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(
        system.mail.to(going.email).filter((m) => m.text.includes('You already have a place')),
      ).toHaveLength(3);
    });

    it('counts one reply per person, comparing addresses in canonical form', async () => {
      const eventId = await dundeeEvent({
        kind: 'ACTION',
        isTraining: false,
        trainingKind: null,
        capacity: 5,
      });
      const suffix = eventId.slice(0, 6);
      await system.graphql(RSVP, {
        input: { eventId, fullName: 'Canon', email: `canon.person${suffix}@gmail.com`, emailOptIn: false },
      });
      await system.graphql(RSVP, {
        input: {
          eventId,
          fullName: 'Canon',
          email: `CanonPerson${suffix}+again@googlemail.com`,
          emailOptIn: false,
        },
      });
      expect(await system.db.getRepository(Rsvp).countBy({ eventId })).toBe(1);
      const byEmail = await system.graphql(
        'mutation($eventId: ID!, $email: String!) { checkInByEmail(eventId: $eventId, email: $email) { fullName } }',
        { eventId, email: `canonperson${suffix}@gmail.com` },
        dundeeOrganiser,
      );
      expect(byEmail.data).toEqual({ checkInByEmail: { fullName: 'Canon' } });
    });
  });

  describe('no membership oracle for organisers', () => {
    it("answers createMember for another branch's member as for a new address, and asks the person", async () => {
      const person = await glasgowMember();
      const input = (email: string) => ({
        email,
        fullName: 'Added At Stall',
        postcode: 'dd1 1aa',
        branchId: dundee.id,
        emailOptIn: false,
      });
      const known = await system.graphql<{ createMember: Record<string, unknown> }>(
        CREATE_MEMBER,
        { input: input(person.email) },
        dundeeOrganiser,
      );
      const fresh = await system.graphql<{ createMember: Record<string, unknown> }>(
        CREATE_MEMBER,
        { input: input(`fresh-${n}@example.org`) },
        dundeeOrganiser,
      );
      expect(known.errors).toBeUndefined();
      expect({ ...known.data!.createMember, email: null }).toEqual({
        ...fresh.data!.createMember,
        email: null,
      });
      expect(known.data!.createMember).toMatchObject({
        fullName: 'Added At Stall',
        branch: { slug: 'dundee' },
      });

      // Both show in the branch's list, as given; the Glasgow record is untouched.
      const listed = await dundeeMembers();
      expect(listed.edges.map((e) => e.node.email)).toEqual(
        expect.arrayContaining([person.email, `fresh-${n}@example.org`]),
      );
      expect(listed.edges.find((e) => e.node.email === person.email)!.node.fullName).toBe('Added At Stall');
      expect(await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).toMatchObject({
        fullName: person.fullName,
        branchId: glasgow.id,
      });
      // Adding it again is a duplicate in this branch, as for any address.
      const twice = await system.graphql(CREATE_MEMBER, { input: input(person.email) }, dundeeOrganiser);
      const freshTwice = await system.graphql(
        CREATE_MEMBER,
        { input: input(`fresh-${n}@example.org`) },
        dundeeOrganiser,
      );
      expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(twice.errors?.[0].message).toBe(freshTwice.errors?.[0].message);

      // The person confirms by email, and only then joins Dundee (with their own record).
      const ask = await system.mail.waitFor(person.email);
      expect(ask.text).toContain('Dundee');
      await system
        .http()
        .post('/membership/confirm')
        .type('form')
        .send({ token: tokenFromMail(ask.text, '/membership/confirm') })
        .expect(200);
      expect(await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).toMatchObject({
        fullName: person.fullName,
        branchId: dundee.id,
      });
      const after = await dundeeMembers();
      expect(after.edges.filter((e) => e.node.email === person.email).map((e) => e.node.id)).toEqual([
        person.id,
      ]);
    });

    it('imports rows for addresses of another branch as new ones, without saying so', async () => {
      const person = await glasgowMember();
      const res = await system
        .http()
        .post(`/branches/${dundee.id}/members/import`)
        .set('Authorization', `Bearer ${dundeeOrganiser}`)
        .set('Content-Type', 'text/csv')
        .send(`email,full_name\n${person.email},Imported Name\nbrand-new-${n}@example.org,Brand New\n`)
        .expect(200);
      expect(res.body).toEqual({ created: 2, updated: 0, skipped: 0, rejectedCount: 0, rejected: [] });
      expect(JSON.stringify(res.body)).not.toContain('branch');
      expect(await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).toMatchObject({
        fullName: person.fullName,
        branchId: glasgow.id,
      });
      const listed = await dundeeMembers();
      expect(listed.edges.find((e) => e.node.email === person.email)?.node.fullName).toBe('Imported Name');
      const ask = await system.mail.waitFor(person.email);
      expect(ask.text).toContain('/membership/confirm');

      // Importing again updates the branch's own record, as for any address in the branch.
      const again = await system
        .http()
        .post(`/branches/${dundee.id}/members/import`)
        .set('Authorization', `Bearer ${dundeeOrganiser}`)
        .set('Content-Type', 'text/csv')
        .send(`email,full_name\n${person.email},Renamed\n`)
        .expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 1, rejectedCount: 0 });
      expect(await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).toMatchObject({
        fullName: person.fullName,
      });

      // The GraphQL door to the same link: the person's own record joins Dundee, once.
      const confirm = 'mutation($token: String!) { confirmMembershipLink(token: $token) }';
      const token = tokenFromMail(ask.text, '/membership/confirm');
      expect((await system.graphql(confirm, { token })).data).toEqual({ confirmMembershipLink: true });
      expect(await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).toMatchObject({
        fullName: person.fullName,
        branchId: dundee.id,
      });
      expect(await system.db.getRepository(Member).countBy({ email: person.email })).toBe(1);
      const reused = await system.graphql(confirm, { token });
      expect(reused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('adds an address of another branch once, however many organisers add it at the same moment', async () => {
      const person = await glasgowMember();
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          system.graphql(
            CREATE_MEMBER,
            { input: { email: person.email, fullName: 'At Once', branchId: dundee.id, emailOptIn: false } },
            dundeeOrganiser,
          ),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(5);
      expect(
        await system.db.getRepository(Member).countBy({ email: person.email, branchId: dundee.id }),
      ).toBe(1);
      await system.mail.waitFor(person.email);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(system.mail.to(person.email)).toHaveLength(1);
    });
  });

  describe('the same person in canonical form', () => {
    it('does not let an organiser verify a pledge owned by their own address with a +tag or dots', async () => {
      const organiserMember = await createMember(system.db, {
        email: 'fiona.organiser@gmail.com',
        roles: [{ role: 'ORGANISER', branchId: glasgow.id }],
      });
      const organiser = await signIn(system, organiserMember);
      for (const owner of ['fiona.organiser+venue@gmail.com', 'FionaOrganiser@googlemail.com']) {
        n += 1;
        await system.graphql(
          'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }',
          {
            input: {
              venue: { name: `Own Venue ${n}`, kind: 'BAR', address: '1 Argyle Street', postcode: 'g1 4qd' },
              owner: { fullName: 'Fiona', email: owner, role: 'owner' },
              commitments: ['free-water'],
              notes: '',
            },
          },
        );
        const mail = await system.mail.waitFor(owner);
        await system
          .http()
          .post('/pledges/confirm')
          .type('form')
          .send({ token: tokenFromMail(mail.text, '/pledges/confirm') })
          .expect(200);
        const pledge = await system.db
          .getRepository(Pledge)
          .findOneOrFail({ where: { venue: { name: `Own Venue ${n}` } }, relations: { venue: true } });
        const refused = await system.graphql(
          'mutation($id: ID!) { verifyPledge(id: $id, note: "mine") { status } }',
          { id: pledge.id },
          organiser,
        );
        expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect((await system.db.getRepository(Pledge).findOneByOrFail({ id: pledge.id })).status).toBe(
          'SUBMITTED',
        );
      }
    });
  });
});
