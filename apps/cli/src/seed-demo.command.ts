import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { BranchesService } from '@app/branches';
import { AppConfig } from '@app/core';
import { LetterCampaignsService } from '@app/letters';
import { DEMO_MSP_DOMAIN, TargetsImportService } from '@app/targets';

/** The Scottish reference data shipped with the project (see data/scotland/README.md). */
const SCOTLAND = join(process.cwd(), 'data/scotland');

@Command({
  name: 'seed-demo',
  description:
    'Into an empty database: the demo branches (Dundee, Glasgow, Edinburgh); outside production (SEED_DEMO), or with --demo, also the 2011 Scottish Parliament boundaries with a postcode in each constituency, 129 made-up MSPs and an open letter campaign',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    private readonly branches: BranchesService,
    private readonly imports: TargetsImportService,
    private readonly letters: LetterCampaignsService,
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
      return;
    }
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

  @Option({
    flags: '--demo',
    description: 'Seed the made-up MSPs and the demo letter campaign in production too',
  })
  parseDemo(): boolean {
    return true;
  }
}
