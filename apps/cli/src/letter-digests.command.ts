import { Command, CommandRunner } from 'nest-commander';
import { LetterDigestsService } from '@app/letters';

/** The daily digests of near-copy letters, now: every letter waiting goes in its recipient's digest. */
@Command({
  name: 'send-letter-digests',
  description: 'Send the waiting near-copy letters now, one digest per recipient per campaign',
})
export class SendLetterDigestsCommand extends CommandRunner {
  constructor(private readonly digests: LetterDigestsService) {
    super();
  }

  async run(): Promise<void> {
    const sent = await this.digests.send({ now: true });
    console.log(`Letter digests queued: ${sent}`);
  }
}
