import { MailDeliveryModule, MailDeliveryService, OutboxMessage } from '@app/mail';
import { DomainHarness } from '../support/domain-harness';
import { MailSink } from '../support/mail-sink';

/**
 * Paced mail (letters to one inbox) through the delivery service alone, with a real SMTP sink and
 * Redis: the gap between two sends holds even when a message wakes after its reserved slot.
 */
describe('mail pacing (delivery service, real Redis and SMTP)', () => {
  const INTERVAL = 60_000;
  let harness: DomainHarness;
  let delivery: MailDeliveryService;
  const sink = new MailSink();

  beforeAll(async () => {
    await sink.start();
    harness = await DomainHarness.start([MailDeliveryModule], {
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    delivery = harness.get(MailDeliveryService);
  });
  afterAll(async () => {
    await harness.stop();
    await sink.stop();
  });

  const paced = async (to: string, key: string) =>
    (
      await harness.db.getRepository(OutboxMessage).save({
        template: 'letter',
        toAddress: to,
        subject: 'A letter',
        textBody: 'Dear Minister',
        paceKey: key,
        paceMs: INTERVAL,
      })
    ).id;

  it('holds a message that woke late behind the one just sent, for a whole interval', async () => {
    const first = await paced('minister@gov.example.org', 'address:minister@gov.example.org');
    const second = await paced('minister@gov.example.org', 'address:minister@gov.example.org');
    const before = Date.now();
    expect(await delivery.deliver(first)).toBe('sent');
    // The second had reserved a slot that is already due (it was woken late, or its slot was
    // reserved before a slow first send): it still waits until an interval after the first went.
    const outcome = await delivery.deliver(second, before - 1);
    expect(typeof outcome).toBe('object');
    const { notBefore, slot } = outcome as { notBefore: number; slot?: number };
    expect(slot).toBe(before - 1);
    expect(notBefore).toBeGreaterThanOrEqual(before + INTERVAL);
    expect(sink.to('minister@gov.example.org')).toHaveLength(1);
    const row = await harness.db.getRepository(OutboxMessage).findOneByOrFail({ id: second });
    expect(row.status).toBe('PENDING');
  });

  it('does not hold messages for another inbox', async () => {
    const other = await paced('convener@gov.example.org', 'address:convener@gov.example.org');
    expect(await delivery.deliver(other)).toBe('sent');
    await sink.waitFor('convener@gov.example.org');
  });
});
