import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { BranchesService } from '@app/branches';
import { LetterCampaignsService } from '@app/letters';
import { TargetsImportService } from '@app/targets';

/** The Scottish reference data shipped with the project (see data/scotland/README.md). */
const SCOTLAND = join(process.cwd(), 'data/scotland');

@Command({
  name: 'seed-demo',
  description:
    'Into an empty database: the demo branches (Dundee, Glasgow, Edinburgh), the 2011 Scottish Parliament boundaries with a postcode in each constituency, 129 made-up MSPs and an open letter campaign',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    private readonly branches: BranchesService,
    private readonly imports: TargetsImportService,
    private readonly letters: LetterCampaignsService,
  ) {
    super();
  }

  async run(): Promise<void> {
    const added = await this.branches.seedDemo();
    console.log(added > 0 ? `Seeded ${added} demo branches.` : 'Branches exist already; nothing seeded.');
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
      `Seeded the 2011 boundaries, ${msps.created} made-up MSPs (msp.example.org)${campaign ? ` and the open letter campaign "${campaign}"` : ''}.`,
    );
  }
}
