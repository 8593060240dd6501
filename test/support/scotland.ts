import { parse } from 'csv-parse/sync';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TargetsImportService } from '@app/targets';
import type { TestSystem } from './test-system';

export const fixture = (name: string): string => join(__dirname, '../fixtures', name);

/** One constituency MSP per constituency and seven list MSPs per region, from the geography file. */
export function mspCsv(): string {
  const rows: string[][] = parse(readFileSync(fixture('sp2011-geography.csv'), 'utf8'), {}).slice(1);
  const lines = ['kind,name,title,organisation,email,party,constituency_code,region_code,branch_slug'];
  for (const [code, name] of rows) {
    lines.push(
      `MSP_CONSTITUENCY,"MSP for ${name}",MSP,Scottish Parliament,${code.toLowerCase()}@msp.example.org,,${code},,`,
    );
  }
  for (const region of [...new Set(rows.map((r) => r[2]))]) {
    for (let n = 1; n <= 7; n += 1) {
      lines.push(
        `MSP_REGIONAL,List MSP ${n} ${region},MSP,Scottish Parliament,${region.toLowerCase()}-${n}@msp.example.org,,,${region},`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * The 2011 boundary set (active), one real postcode per constituency and 129 made-up MSPs. AB2 1DD is
 * in Aberdeen Central (S16000074), in North East Scotland (S17000014).
 */
export async function importScotland(system: TestSystem): Promise<void> {
  const imports = system.api.get(TargetsImportService);
  await imports.importGeography(createReadStream(fixture('sp2011-geography.csv')), 'sp2011', true);
  await imports.importPostcodes(createReadStream(fixture('sp2011-example-postcodes.csv')));
  await imports.importTargets(Readable.from([mspCsv()]));
}
