import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { BranchesService } from '@app/branches';
import { AppConfig } from '@app/core';
import { EventsService } from '@app/events';
import { LetterCampaignsService } from '@app/letters';
import { SignaturesService } from '@app/petitions';
import { PledgesService } from '@app/pledges';
import { DEMO_MSP_DOMAIN, TargetsImportService } from '@app/targets';

/** The Scottish reference data shipped with the project (see data/scotland/README.md). */
const SCOTLAND = join(process.cwd(), 'data/scotland');

@Command({
  name: 'seed-demo',
  description:
    'Into an empty database: the demo branches (Dundee, Glasgow, Edinburgh); outside production (SEED_DEMO), or with --demo, also the 2011 Scottish Parliament boundaries with a postcode in each constituency, 129 made-up MSPs, an open letter campaign, an open petition with a few signatures, two events (one full) and two verified venue pledges',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    private readonly branches: BranchesService,
    private readonly imports: TargetsImportService,
    private readonly letters: LetterCampaignsService,
    private readonly signatures: SignaturesService,
    private readonly events: EventsService,
    private readonly pledges: PledgesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], options: { demo?: boolean } = {}): Promise<void> {
    const added = await this.branches.seedDemo();
    console.log(added > 0 ? `Seeded ${added} demo branches.` : 'Branches exist already; nothing seeded.');
    if (!options.demo && !this.config.seedDemo) {
      // The made-up MSPs' addresses do not exist: a real install must not write to them.
      console.log(
        `No made-up MSPs or demo letter campaign seeded (NODE_ENV=${this.config.nodeEnv}): import the real MSPs with import-msps. To seed the demo anyway: --demo (npm start -- --demo) or SEED_DEMO=1.`,
      );
      const madeUp = await this.imports.activeDemoMsps();
      if (madeUp > 0) {
        console.warn(
          `Warning: ${madeUp} made-up MSPs (${DEMO_MSP_DOMAIN}) from an earlier demo seed are active, and letters to them are never delivered: import the real MSPs (import-msps), which take their seats.`,
        );
      }
      return;
    }
    if (await this.imports.hasGeography()) {
      console.log('A geography set exists already; no demo MSPs seeded.');
    } else {
      await this.imports.importGeography(
        createReadStream(join(SCOTLAND, 'sp2011-geography.csv')),
        'sp2011',
        true,
      );
      await this.imports.importPostcodes(createReadStream(join(SCOTLAND, 'sp2011-example-postcodes.csv')));
      const msps = await this.imports.importTargets(createReadStream(join(SCOTLAND, 'demo-msps.csv')));
      const campaign = await this.letters.seedDemo('dundee');
      console.log(
        `Seeded the 2011 boundaries, ${msps.created} made-up MSPs (${DEMO_MSP_DOMAIN})${campaign ? ` and the open letter campaign "${campaign}"` : ''}.`,
      );
    }
    // Something to sign, reply to and find in the directory: each only into an install without any.
    const dundee = await this.branches.findBySlug('dundee');
    if (!dundee) {
      return;
    }
    const petition = await this.signatures.seedDemo(dundee.id);
    const events = await this.events.seedDemo(dundee.id);
    const venues = await this.pledges.seedDemo(dundee.id);
    const seeded = [
      petition && `the open petition "${petition}"`,
      events && `the events ${events.map((title) => `"${title}"`).join(' and ')} (the second full)`,
      venues && `the verified venue pledges of ${venues.map((name) => `"${name}"`).join(' and ')}`,
    ].filter(Boolean);
    if (seeded.length > 0) {
      console.log(`Seeded ${seeded.join('; ')}.`);
    }
  }

  @Option({
    flags: '--demo',
    description:
      'Seed the made-up MSPs, the demo letter campaign, petition, events and pledges in production too',
  })
  parseDemo(): boolean {
    return true;
  }
}
