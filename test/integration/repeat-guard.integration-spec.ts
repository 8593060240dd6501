import { AppConfig, isFirstRequest, RecentRequest, RepeatGuard } from '@app/core';
import { DomainHarness } from '../support/domain-harness';

/** The repeat guard's memory (recent_request): the first of identical requests, and its upkeep. */
describe('repeat guard (real database)', () => {
  let harness: DomainHarness;

  beforeAll(async () => {
    harness = await DomainHarness.start([], { REPEAT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => harness.stop());

  it('lets the first of identical requests through, and forgets them once the window has passed', async () => {
    const windowMs = harness.get(AppConfig).repeatWindowMs;
    const first = (request: unknown) =>
      harness.db.transaction((manager) => isFirstRequest(manager, windowMs, 'probe', request));

    expect(await first({ email: 'a@example.org', n: 1 })).toBe(true);
    // The same request, its keys in another order: a repeat.
    expect(await first({ n: 1, email: 'a@example.org' })).toBe(false);
    expect(await first({ email: 'b@example.org', n: 1 })).toBe(true);

    // Nothing is old enough yet.
    expect(await harness.get(RepeatGuard).forgetOld()).toBe(0);
    await harness.db.query(`UPDATE recent_request SET seen_at = now() - interval '61 seconds'`);
    expect(await harness.get(RepeatGuard).forgetOld()).toBe(2);
    expect(await harness.db.getRepository(RecentRequest).count()).toBe(0);
    expect(await first({ email: 'a@example.org', n: 1 })).toBe(true);
  });
});
