import { OutboxMessage } from '@app/mail';
import { createMember } from '../factories';
import { StallPhase } from '../support/mail-sink';
import { TestSystem } from '../support/test-system';

const REQUEST_LINK = 'mutation($email: String!) { requestSignInLink(email: $email) }';

/** SMTP servers that stall or stay away for long: nothing is lost, and nothing waits on a dead session. */
describe('mail through SMTP outages', () => {
  let system: TestSystem;
  const outboxFor = (to: string) => system.db.getRepository(OutboxMessage).findOneByOrFail({ toAddress: to });

  beforeAll(async () => {
    system = await TestSystem.start({
      env: { SMTP_GREETING_TIMEOUT_MS: '1500', SMTP_SOCKET_TIMEOUT_MS: '1500' },
    });
  });
  afterAll(() => system.stop());
  afterEach(() => system.mail.stall(null));

  it.each<[StallPhase]>([['data'], ['greeting']])(
    'gives up a session stalled at %s as a temporary failure and retries it on a fresh connection',
    async (phase) => {
      // More stalled messages than the worker has slots (5): before the timeouts, every slot waited
      // on nodemailer's ten-minute default and nothing else moved.
      system.mail.stall(phase);
      const stalledBefore = system.mail.stalledSessions;
      const stuck = await Promise.all(Array.from({ length: 6 }, () => createMember(system.db)));
      for (const member of stuck) {
        await system.graphql(REQUEST_LINK, { email: member.email });
      }
      await system.eventually(async () => system.mail.stalledSessions - stalledBefore >= 5);

      // The server recovers; the sessions it left hanging never get an answer.
      system.mail.stall(null);
      const later = await createMember(system.db);
      await system.graphql(REQUEST_LINK, { email: later.email });
      await system.mail.waitFor(later.email, 1, 30_000);
      for (const member of stuck) {
        await system.mail.waitFor(member.email, 1, 30_000);
      }

      for (const member of stuck) {
        const row = await system.eventually(async () => {
          const current = await outboxFor(member.email);
          return current.status === 'SENT' ? current : undefined;
        });
        // Each one sent once, after at least one attempt that timed out.
        expect(system.mail.to(member.email)).toHaveLength(1);
        expect(row.attempts).toBeGreaterThanOrEqual(1);
      }
      const timedOut = await system.db
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.to_address IN (:...to)', { to: stuck.map((m) => m.email) })
        .andWhere('m.attempts > 1')
        .getCount();
      expect(timedOut).toBeGreaterThanOrEqual(5);
    },
  );
});
