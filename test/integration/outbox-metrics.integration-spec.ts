import { OutboxMessage } from '@app/mail';
import { Metrics, OperationsModule } from '@app/operations';
import { DomainHarness } from '../support/domain-harness';

/** The outbox series at a scrape: waiting mail counted fresh, the whole table at most every 30 s. */
describe('outbox metrics', () => {
  let harness: DomainHarness;
  let metrics: Metrics;

  beforeAll(async () => {
    harness = await DomainHarness.start([OperationsModule]);
    metrics = harness.get(Metrics);
  });
  afterAll(() => harness.stop());

  const value = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return Number(line?.slice(line.lastIndexOf(' ') + 1));
  };
  const row = (values: Partial<OutboxMessage>) =>
    harness.db
      .getRepository(OutboxMessage)
      .save({ template: 'test', toAddress: 'x@example.org', subject: 's', ...values });

  it('counts waiting mail at every scrape, and the whole table at most every 30 seconds', async () => {
    await row({ status: 'SENT', sentAt: new Date() });
    const first = (await metrics.render()).body;
    expect(value(first, 'crm_outbox_messages{status="SENT"}')).toBe(1);
    expect(value(first, 'crm_mail_total{kind="test",outcome="sent"}')).toBe(1);
    expect(value(first, 'crm_outbox_messages{status="PENDING"}')).toBe(0);

    await row({ status: 'SENT', sentAt: new Date() });
    await row({});
    const second = (await metrics.render()).body;
    expect(value(second, 'crm_outbox_messages{status="PENDING"}')).toBe(1);
    // Read within 30 s of the last count: the table is not counted again.
    expect(value(second, 'crm_outbox_messages{status="SENT"}')).toBe(1);
    expect(value(second, 'crm_mail_total{kind="test",outcome="sent"}')).toBe(1);
    expect(value(second, 'crm_outbox_overdue_seconds')).toBeLessThan(60);
  });

  it('counts mail that failed and waits for its next try as overdue since it was written (an SMTP outage raises the alert)', async () => {
    const written = new Date(Date.now() - 3600_000);
    await row({ attempts: 6, retryAt: new Date(Date.now() + 600_000), createdAt: written });
    // A paced message waiting for its reserved turn, never tried, is not overdue.
    await row({ attempts: 0, retryAt: new Date(Date.now() + 600_000), createdAt: written });
    const text = (await metrics.render()).body;
    expect(value(text, 'crm_outbox_overdue_seconds')).toBeGreaterThanOrEqual(3500);
    expect(value(text, 'crm_outbox_overdue_messages')).toBe(1);
  });
});
