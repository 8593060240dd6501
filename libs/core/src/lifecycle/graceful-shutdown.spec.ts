import { Injectable, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { closeWithin } from './graceful-shutdown';

@Injectable()
class ClosesQuickly implements OnModuleDestroy, OnApplicationShutdown {
  readonly closed: string[] = [];
  async onModuleDestroy(): Promise<void> {
    this.closed.push('destroy');
  }
  onApplicationShutdown(): void {
    this.closed.push('shutdown');
  }
}

@Injectable()
class NeverCloses implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return new Promise(() => undefined);
  }
}

describe('closeWithin', () => {
  it('closes an application whose hooks finish', async () => {
    const app = await Test.createTestingModule({ providers: [ClosesQuickly] }).compile();
    await app.init();
    const quick = app.get(ClosesQuickly);
    expect(await closeWithin(app, 1_000)).toEqual({ closed: true });
    expect(quick.closed).toEqual(['destroy', 'shutdown']);
  });

  it('gives up at the deadline, naming the hooks still running (by class or token), not those done', async () => {
    const app = await Test.createTestingModule({
      providers: [
        ClosesQuickly,
        NeverCloses,
        {
          provide: 'BullQueue_mail',
          useFactory: () => ({ onApplicationShutdown: () => new Promise(() => undefined) }),
        },
      ],
    }).compile();
    await app.init();
    const started = Date.now();
    const outcome = await closeWithin(app, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(outcome.closed).toBe(false);
    expect(!outcome.closed && outcome.stillClosing.sort()).toEqual([
      'BullQueue_mail.onApplicationShutdown',
      'NeverCloses.onApplicationShutdown',
    ]);
  });
});
