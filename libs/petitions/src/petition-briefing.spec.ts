import type { Target } from '@app/targets';
import { briefingRows } from './petition-briefing';

const msp = (kind: Target['kind'], code: string, name = code): Target =>
  ({
    id: `${kind}-${code}-${name}`,
    kind,
    name,
    constituencyCode: kind === 'MSP_CONSTITUENCY' ? code : null,
    regionCode: kind === 'MSP_REGIONAL' ? code : null,
  }) as Target;

describe('briefingRows', () => {
  const regionOf = new Map([
    ['C1', 'R1'],
    ['C2', 'R1'],
    ['C3', 'R2'],
  ]);

  it('gives a constituency MSP their constituency and a regional MSP their whole region', () => {
    const { total, rows } = briefingRows(
      [
        msp('MSP_CONSTITUENCY', 'C1'),
        msp('MSP_CONSTITUENCY', 'C3'),
        msp('MSP_REGIONAL', 'R1', 'a'),
        msp('MSP_REGIONAL', 'R1', 'b'),
        msp('MSP_REGIONAL', 'R2'),
      ],
      [
        { code: 'C1', count: 5 },
        { code: 'C2', count: 3 },
        { code: 'C3', count: 2 },
        { code: null, count: 7 },
      ],
      regionOf,
    );
    expect(total).toBe(17);
    expect(rows.map((r) => r.signers)).toEqual([5, 2, 8, 8, 2]);
  });

  it('counts nobody where nobody signed, and a constituency outside the active set only in the total', () => {
    const { total, rows } = briefingRows(
      [msp('MSP_CONSTITUENCY', 'C2'), msp('MSP_REGIONAL', 'R2')],
      [{ code: 'OLD', count: 4 }],
      regionOf,
    );
    expect(total).toBe(4);
    expect(rows.map((r) => r.signers)).toEqual([0, 0]);
  });
});
