import { Logger } from '@nestjs/common';
import { PostcodeLookup } from '@app/targets';
import { constituencyWithin } from './signer-constituency';

const lookup = (answer: () => Promise<string | null>): PostcodeLookup => ({
  inDatabase: false,
  constituencyCode: answer,
});

describe('constituencyWithin', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('gives the code, or null for an unknown postcode', async () => {
    expect(
      await constituencyWithin(
        lookup(async () => 'S16000074'),
        'AB2 1DD',
      ),
    ).toBe('S16000074');
    expect(
      await constituencyWithin(
        lookup(async () => null),
        'SW1A 2AA',
      ),
    ).toBeNull();
  });

  it('gives null when the lookup fails', async () => {
    const failing = lookup(() => Promise.reject(new Error('Postcode service answered 503')));
    expect(await constituencyWithin(failing, 'AB2 1DD')).toBeNull();
  });

  it('gives null without waiting for a slow lookup, and a late failure goes unnoticed', async () => {
    let fail!: (error: Error) => void;
    let settled = false;
    const slow = lookup(
      () =>
        new Promise<string | null>((_resolve, reject) => {
          fail = (error) => {
            settled = true;
            reject(error);
          };
        }),
    );
    expect(await constituencyWithin(slow, 'AB2 1DD', 20)).toBeNull();
    // It answered while the lookup was still pending (no stopwatch: the lookup never answers until told).
    expect(settled).toBe(false);
    fail(new Error('timed out'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});
