import { Command, CommandRunner } from 'nest-commander';
import { BranchesService } from '@app/branches';

@Command({
  name: 'seed-demo',
  description: 'Add the demo branches (Dundee, Glasgow, Edinburgh) to an empty database',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(private readonly branches: BranchesService) {
    super();
  }

  async run(): Promise<void> {
    const added = await this.branches.seedDemo();
    console.log(added > 0 ? `Seeded ${added} demo branches.` : 'Branches exist already; nothing seeded.');
  }
}
