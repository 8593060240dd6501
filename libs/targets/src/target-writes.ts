import { EntityManager } from 'typeorm';
import { GeographyCodes, GeographyRepository } from './geography.repository';
import { MSP_KINDS, MSP_SEATS, Target, TargetKind } from './target.entity';
import { TargetFields, TargetRepository } from './target.repository';

export interface ImportReport {
  created: number;
  updated: number;
  rejected: Array<{ line: number; reason: string }>;
  warnings: string[];
}

const isMsp = (kind: TargetKind): kind is keyof typeof MSP_SEATS => MSP_KINDS.includes(kind);

/**
 * Inserts a target that is not an MSP, or updates the one with its email and kind (and makes it
 * active again). MSPs go through {@link MspSeats}, which keeps their seats right.
 */
export async function upsertTarget(
  targets: TargetRepository,
  manager: EntityManager,
  fields: TargetFields,
): Promise<'created' | 'updated'> {
  if (isMsp(fields.kind)) {
    throw new Error(
      'MSP targets are written only through MspSeats (one MSP per constituency, seven per region).',
    );
  }
  return targets.upsert(manager, fields);
}

/** `email|kind`, email lower-cased: one target. */
const targetKey = (t: { email: string; kind: TargetKind }): string => `${t.email.toLowerCase()}|${t.kind}`;

const seatOf = (t: {
  kind: TargetKind;
  constituencyCode: string | null;
  regionCode: string | null;
}): string => (t.kind === 'MSP_CONSTITUENCY' ? `C:${t.constituencyCode ?? ''}` : `R:${t.regionCode ?? ''}`);

const sameName = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

interface SourceRow {
  line: number;
  fields: TargetFields;
  /** How the source names the row in a reason: "Ann Smith" or "Ann Smith (PersonID 7)". */
  who: string;
}

/**
 * The MSPs one import gives (a targets CSV, the Scottish Parliament's data), and how they take their
 * seats, keeping "one current constituency MSP per constituency and seven current list MSPs per
 * region" true (the database also refuses a second active constituency MSP):
 *
 * - Within the source, an MSP must sit in the active geography set, appear once (email + kind), and a
 *   seat may be given no more people than it has (1 or 7): the rows past that are rejected.
 * - A constituency MSP with another address than the seat's holder replaces the holder (a new MSP,
 *   or a corrected address): the holder is made inactive, and the report says so.
 * - A list MSP takes a free place in the region. One with the name of a list MSP the source does
 *   not give (a corrected address) takes that MSP's place. When the region is full, a source listing
 *   all seven of the region's MSPs replaces the others; an authoritative source (the Parliament's
 *   data, `vouched`) replaces list MSPs it does not know of, least recently imported first; anything
 *   else is refused with the reason, and the region is left as it was (a partial list cannot say
 *   which of the seven has gone).
 *
 * Written in one transaction under the MSP seats' lock ({@link TargetRepository.lockMspSeats}), so
 * two imports at once cannot both fill a seat.
 */
export class MspSeats {
  private readonly rows: SourceRow[] = [];
  private readonly lineOfKey = new Map<string, number>();
  private readonly bySeat = new Map<string, SourceRow[]>();

  private constructor(
    private readonly targets: TargetRepository,
    private readonly geography: GeographyCodes | null,
    private readonly citeLines: boolean,
  ) {}

  /**
   * For the active geography set (none: every MSP is rejected with the reason). `citeLines`: the
   * report names rows by line (a CSV file); otherwise by who they are (the Parliament's data).
   */
  static async forActiveSet(
    geography: GeographyRepository,
    targets: TargetRepository,
    manager: EntityManager,
    citeLines = true,
  ): Promise<MspSeats> {
    return new MspSeats(targets, await geography.activeCodes(manager), citeLines);
  }

  /** Adds an MSP of the source; the reason it is rejected, or null. */
  add(line: number, fields: TargetFields, who: string = fields.name): string | null {
    if (!isMsp(fields.kind)) {
      throw new Error(`${fields.kind} is not an MSP kind`);
    }
    const constituency = fields.kind === 'MSP_CONSTITUENCY';
    const code = (constituency ? fields.constituencyCode : fields.regionCode) ?? '';
    if (!this.geography) {
      return `${who}: no geography set is active, so the ${constituency ? 'constituency' : 'region'} cannot be checked; import one and activate it first`;
    }
    if (!(constituency ? this.geography.constituencies : this.geography.regions).has(code)) {
      return `${who}: ${constituency ? 'constituency' : 'region'} ${code} is not in the active geography set "${this.geography.setName}"`;
    }
    const key = targetKey(fields);
    const earlier = this.lineOfKey.get(key);
    if (earlier !== undefined) {
      return `${who}: the same email address and kind as line ${earlier}`;
    }
    const seat = seatOf(fields);
    const listed = this.bySeat.get(seat) ?? [];
    if (listed.length >= MSP_SEATS[fields.kind]) {
      return constituency
        ? `${who}: a second MSP for ${this.place(seat)} (${this.cite(listed)} gives one); a constituency has one MSP`
        : `${who}: an eighth list MSP for ${this.place(seat)} (${this.cite(listed)} give seven); a region has seven`;
    }
    const row = { line, fields, who };
    this.rows.push(row);
    this.lineOfKey.set(key, line);
    this.bySeat.set(seat, [...listed, row]);
    return null;
  }

  /**
   * Writes the MSPs in one go (the caller's transaction): seats' former holders made inactive and
   * reported in `warnings`, refused MSPs in `rejected`, the rest created or updated.
   * `vouched`: the `email|kind` of every MSP the source knows to hold a seat, for an authoritative
   * source such as the Parliament's data.
   */
  async write(manager: EntityManager, report: ImportReport, vouched?: ReadonlySet<string>): Promise<void> {
    if (this.rows.length === 0) {
      return;
    }
    await this.targets.lockMspSeats(manager);
    const existing = await this.targets.activeOrKeyedMsps(
      manager,
      this.rows.map((r) => targetKey(r.fields)),
    );
    const byKey = new Map(existing.map((t) => [targetKey(t), t]));

    // Refusing a row can leave its MSP in the seat it holds now, so decide again until nothing more is refused.
    let accepted = this.rows;
    let decision = this.decide(accepted, existing, vouched);
    while (decision.refused.size > 0) {
      for (const [row, reason] of decision.refused) {
        report.rejected.push({ line: row.line, reason });
      }
      accepted = accepted.filter((r) => !decision.refused.has(r));
      decision = this.decide(accepted, existing, vouched);
    }

    const replacedIds = decision.replaced.map((r) => r.holder.id);
    // Those moving seat are stood down first too, so no seat ever has two holders (the unique index).
    const moving = accepted
      .map((r) => byKey.get(targetKey(r.fields)))
      .filter((t): t is Target => !!t && t.active)
      .map((t) => t.id);
    await this.targets.deactivate(manager, [...replacedIds, ...moving]);
    for (const row of accepted) {
      report[await this.targets.upsert(manager, row.fields)] += 1;
    }
    report.warnings.push(...decision.replaced.map((r) => r.message));
  }

  private decide(
    accepted: SourceRow[],
    existing: Target[],
    vouched: ReadonlySet<string> | undefined,
  ): {
    refused: Map<SourceRow, string>;
    replaced: Array<{ holder: Target; message: string }>;
  } {
    const refused = new Map<SourceRow, string>();
    const replaced: Array<{ holder: Target; message: string }> = [];
    const sourceKeys = new Set(accepted.map((r) => targetKey(r.fields)));
    const seats = new Map<string, SourceRow[]>();
    for (const row of accepted) {
      const seat = seatOf(row.fields);
      seats.set(seat, [...(seats.get(seat) ?? []), row]);
    }
    for (const [seat, listed] of seats) {
      const place = this.place(seat);
      // Holders the source does not give, least recently imported first.
      const others = existing.filter((t) => t.active && seatOf(t) === seat && !sourceKeys.has(targetKey(t)));
      if (listed[0].fields.kind === 'MSP_CONSTITUENCY') {
        const row = listed[0];
        for (const holder of others) {
          replaced.push({
            holder,
            message: `${this.name(row)} is now the MSP for ${place}, in place of ${holder.name} (${holder.email}), who is made inactive.`,
          });
        }
        continue;
      }
      this.decideRegion(seat, listed, others, existing, vouched, { refused, replaced });
    }
    return { refused, replaced };
  }

  /**
   * How a region's list MSPs from the source take their places: by name (a corrected address), in
   * a free place, replacing the others when the source gives all seven, or replacing those an
   * authoritative source does not know of; otherwise the newcomers are refused. `others`: the
   * region's holders the source does not give, least recently imported first.
   */
  private decideRegion(
    seat: string,
    listed: SourceRow[],
    others: Target[],
    existing: Target[],
    vouched: ReadonlySet<string> | undefined,
    decision: { refused: Map<SourceRow, string>; replaced: Array<{ holder: Target; message: string }> },
  ): void {
    const { refused, replaced } = decision;
    const place = this.place(seat);
    const holdsIt = (row: SourceRow): boolean =>
      existing.some((t) => t.active && seatOf(t) === seat && targetKey(t) === targetKey(row.fields));
    const newcomers = listed.filter((r) => !holdsIt(r));
    const unmatched: SourceRow[] = [];
    for (const row of newcomers) {
      const index = others.findIndex((t) => sameName(t.name, row.fields.name));
      if (index < 0) {
        unmatched.push(row);
        continue;
      }
      const [holder] = others.splice(index, 1);
      replaced.push({
        holder,
        message: `${this.name(row)} has a new address (${row.fields.email}) as a list MSP for ${place}; the target at ${holder.email} is made inactive.`,
      });
    }
    const excess = listed.length + others.length - MSP_SEATS.MSP_REGIONAL;
    if (excess <= 0) {
      return;
    }
    if (listed.length === MSP_SEATS.MSP_REGIONAL) {
      const given = this.citeLines ? ` (${this.cite(listed)})` : '';
      for (const holder of others) {
        replaced.push({
          holder,
          message: `The seven list MSPs imported for ${place}${given} replace ${holder.name} (${holder.email}), who is made inactive.`,
        });
      }
      return;
    }
    const unknown = vouched ? others.filter((t) => !vouched.has(targetKey(t))) : [];
    if (unknown.length >= excess) {
      for (const holder of unknown.slice(0, excess)) {
        replaced.push({
          holder,
          message: `${holder.name} (${holder.email}) is not a list MSP in the imported data, and is made inactive to make room in ${place} for ${listed.map((r) => this.name(r)).join(', ')}.`,
        });
      }
      return;
    }
    for (const row of unmatched) {
      refused.set(
        row,
        `${row.who}: ${place} has ${listed.length - unmatched.length + others.length} list MSPs already, and a region has seven. To change its list, import all seven of the region's MSPs together (the others are then made inactive); to correct an address, give the MSP's name as it is held.`,
      );
    }
  }

  /** "Ann Smith (line 2)" from a file; "Ann Smith (PersonID 7)" from the Parliament's data. */
  private name(row: SourceRow): string {
    return this.citeLines ? `${row.who} (line ${row.line})` : row.who;
  }

  /** "line 2" / "lines 2, 3, 4" from a file; the names otherwise. */
  private cite(rows: SourceRow[]): string {
    return this.citeLines
      ? `line${rows.length > 1 ? 's' : ''} ${rows.map((r) => r.line).join(', ')}`
      : rows.map((r) => r.who).join(', ');
  }

  /** "constituency Aberdeen Central (S16000074)" or "region North East Scotland (S17000014)". */
  private place(seat: string): string {
    const code = seat.slice(2);
    const constituency = seat.startsWith('C:');
    const name = (constituency ? this.geography?.constituencies : this.geography?.regions)?.get(code);
    return `${constituency ? 'constituency' : 'region'} ${name ? `${name} (${code})` : code}`;
  }
}
