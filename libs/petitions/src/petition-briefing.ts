import type { Target } from '@app/targets';

/** One MSP's line of a petition briefing. */
export interface BriefingRow {
  target: Target;
  /** Confirmed signers in their constituency (constituency MSPs) or region (regional MSPs). */
  signers: number;
}

/**
 * Each MSP with the confirmed signers they represent: a constituency MSP their constituency's, a
 * regional MSP the sum over their region's constituencies. Signatures not placed in a constituency
 * (outside Scotland, unknown) count only in the total. Pure.
 */
export function briefingRows(
  msps: Target[],
  byConstituency: ReadonlyArray<{ code: string | null; count: number }>,
  regionOf: ReadonlyMap<string, string>,
): { total: number; rows: BriefingRow[] } {
  const constituency = new Map<string, number>();
  const region = new Map<string, number>();
  let total = 0;
  for (const { code, count } of byConstituency) {
    total += count;
    if (!code) {
      continue;
    }
    constituency.set(code, (constituency.get(code) ?? 0) + count);
    const regionCode = regionOf.get(code);
    if (regionCode) {
      region.set(regionCode, (region.get(regionCode) ?? 0) + count);
    }
  }
  const rows = msps.map((target) => ({
    target,
    signers:
      target.kind === 'MSP_CONSTITUENCY'
        ? (constituency.get(target.constituencyCode ?? '') ?? 0)
        : target.kind === 'MSP_REGIONAL'
          ? (region.get(target.regionCode ?? '') ?? 0)
          : 0,
  }));
  return { total, rows };
}
