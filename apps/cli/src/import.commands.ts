import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import {
  ImportReport,
  SCOTTISH_PARLIAMENT_FILES,
  ScottishParliamentImportService,
  scottishParliamentData,
  scottishParliamentFixups,
  TargetsImportService,
} from '@app/targets';

function print(report: ImportReport): void {
  console.log(`Created ${report.created}, updated ${report.updated}, rejected ${report.rejected.length}.`);
  for (const { line, reason } of report.rejected.slice(0, 50)) {
    console.log(`  line ${line}: ${reason}`);
  }
  if (report.rejected.length > 50) {
    console.log(`  … and ${report.rejected.length - 50} more`);
  }
  for (const warning of report.warnings) {
    console.warn(`Warning: ${warning}`);
  }
}

function file(args: string[]): string {
  if (!args[0]) {
    throw new Error('Give the CSV file to import.');
  }
  return args[0];
}

@Command({
  name: 'import-geography',
  arguments: '<file>',
  description:
    'Import constituencies and regions (constituency_code,constituency_name,region_code,region_name)',
})
export class ImportGeographyCommand extends CommandRunner {
  constructor(private readonly imports: TargetsImportService) {
    super();
  }

  async run(args: string[], options: { set?: string; activate?: boolean }): Promise<void> {
    if (!options.set) {
      throw new Error('Name the geography set with --set, e.g. --set sp2026.');
    }
    print(
      await this.imports.importGeography(
        createReadStream(file(args)),
        options.set,
        options.activate ?? false,
      ),
    );
  }

  @Option({ flags: '--set <name>', description: 'The geography set, e.g. sp2026' })
  parseSet(value: string): string {
    return value;
  }

  @Option({ flags: '--activate', description: 'Make this the set used to place postcodes' })
  parseActivate(): boolean {
    return true;
  }
}

@Command({
  name: 'import-postcodes',
  arguments: '<file>',
  description:
    'Import postcode → constituency (postcode,constituency_code) into a set (default: the active one)',
})
export class ImportPostcodesCommand extends CommandRunner {
  constructor(private readonly imports: TargetsImportService) {
    super();
  }

  async run(args: string[], options: { set?: string }): Promise<void> {
    print(await this.imports.importPostcodes(createReadStream(file(args)), options.set));
  }

  @Option({ flags: '--set <name>', description: 'The geography set (default: the active one)' })
  parseSet(value: string): string {
    return value;
  }
}

@Command({
  name: 'import-targets',
  arguments: '<file>',
  description:
    'Import targets (kind,name,title,organisation,email,party,constituency_code,region_code,branch_slug)',
})
export class ImportTargetsCommand extends CommandRunner {
  constructor(private readonly imports: TargetsImportService) {
    super();
  }

  async run(args: string[]): Promise<void> {
    print(await this.imports.importTargets(createReadStream(file(args))));
  }
}

async function readJson(path: string): Promise<unknown> {
  const content = await readFile(path, 'utf8');
  try {
    return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
}

@Command({
  name: 'import-msps',
  arguments: '<dir>',
  description: `Import MSPs from the Scottish Parliament's open data: a folder holding ${Object.values(
    SCOTTISH_PARLIAMENT_FILES,
  )
    .map((name) => `${name}.json`)
    .join(', ')}`,
})
export class ImportMspsCommand extends CommandRunner {
  constructor(private readonly msps: ScottishParliamentImportService) {
    super();
  }

  async run(args: string[], options: { fixups?: string }): Promise<void> {
    const dir = args[0];
    if (!dir) {
      throw new Error('Give the folder holding the Scottish Parliament JSON files.');
    }
    const names = await readdir(dir).catch((error: Error) => {
      throw new Error(`Cannot read the folder ${dir}: ${error.message}`);
    });
    const present = new Map(names.map((name) => [name.toLowerCase(), name]));
    const wanted = Object.values(SCOTTISH_PARLIAMENT_FILES).map((name) => `${name}.json`);
    const missing = wanted.filter((file) => !present.has(file.toLowerCase()));
    if (missing.length > 0) {
      throw new Error(
        `${dir} lacks ${missing.join(', ')} (download them from https://data.parliament.scot/api/).`,
      );
    }
    const source: Record<string, unknown> = {};
    for (const file of wanted) {
      source[file.slice(0, -'.json'.length)] = await readJson(join(dir, present.get(file.toLowerCase())!));
    }
    const fixups = options.fixups ? scottishParliamentFixups(await readJson(options.fixups)) : {};
    print(await this.msps.importMsps(scottishParliamentData(source), fixups));
  }

  @Option({
    flags: '--fixups <file>',
    description:
      'A JSON fix-up table ({ "constituencies": { "WRONG": "RIGHT" }, "regions": {…}, "parties": {…} })',
  })
  parseFixups(value: string): string {
    return value;
  }
}
