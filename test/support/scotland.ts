import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TargetsImportService } from '@app/targets';
import type { TestSystem } from './test-system';

/** The Scottish reference data shipped with the project (data/scotland). */
export const scotland = (name: string): string => join(__dirname, '../../data/scotland', name);

/** 129 made-up MSPs: one per constituency of the 2011 set and seven per region. */
export const mspCsv = (): string => readFileSync(scotland('demo-msps.csv'), 'utf8');

/**
 * The 2011 boundary set (active), one real postcode per constituency and 129 made-up MSPs. AB2 1DD is
 * in Aberdeen Central (S16000074), in North East Scotland (S17000014).
 */
export async function importScotland(system: TestSystem): Promise<void> {
  const imports = system.api.get(TargetsImportService);
  await imports.importGeography(createReadStream(scotland('sp2011-geography.csv')), 'sp2011', true);
  await imports.importPostcodes(createReadStream(scotland('sp2011-example-postcodes.csv')));
  await imports.importTargets(Readable.from([mspCsv()]));
}
