import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService, BadUserInputError } from '@app/core';
import { Constituency, Region } from './geography.entity';
import { Target, TargetKind } from './target.entity';
import { ImportReport, lockMspSeats, MSP_KINDS, MspSeats, TargetFields } from './target-writes';
import { activeGeographySet, auditedImport, mspShapeWarning } from './targets-import.service';

/**
 * The eight open-data files of the Scottish Parliament (https://data.parliament.scot/api/<name>),
 * each a JSON array, by the name the Parliament gives them. Keys are matched without regard to case,
 * in file names, upload keys and the fields of each row.
 */
export const SCOTTISH_PARLIAMENT_FILES = {
  members: 'Members',
  constituencyStatuses: 'MemberElectionConstituencyStatuses',
  regionStatuses: 'MemberElectionregionStatuses',
  constituencies: 'Constituencies',
  regions: 'Regions',
  emailAddresses: 'emailaddresses',
  memberParties: 'MemberParties',
  parties: 'Parties',
} as const;

type Row = Record<string, unknown>;

export type ScottishParliamentData = { -readonly [K in keyof typeof SCOTTISH_PARLIAMENT_FILES]: Row[] };

/**
 * Corrections to the Parliament's data: a code as the Parliament publishes it (or the numeric ID of
 * its constituency or region) → the right GSS code in the geography sets; and, for `parties`, a
 * party ID missing from Parties → its name.
 */
export interface ScottishParliamentFixups {
  constituencies?: Record<string, string>;
  regions?: Record<string, string>;
  parties?: Record<string, string>;
}

const FIXUP_GROUPS = ['constituencies', 'regions', 'parties'] as const;

/**
 * The fix-ups every import starts from; a fix-up file or upload adds to them and wins on the same
 * key (map a code to itself to undo one).
 *
 * The Parliament's data still carries the Glasgow codes from before the 2014 boundary alterations
 * (Glasgow Provan, Strathkelvin and Bearsden, and the Glasgow region were given new GSS codes);
 * the ONS codes, as in data/scotland/sp2011-geography.csv, are the ones on the right. Reform UK
 * (party 13) has been missing from Parties. These are the corrections applied to the same endpoints
 * by a public e-petitions codebase for the Scottish Parliament (its FetchMembersJob); we could not
 * check them against the live data. They apply only where the data still has the wrong value, so
 * they are harmless once the Parliament corrects it. Any other code that is not in the active
 * geography set is reported, with the MSP, as rejected: add a fix-up for it.
 */
export const SCOTTISH_PARLIAMENT_FIXUPS: Required<ScottishParliamentFixups> = {
  constituencies: {
    S16000120: 'S16000147', // Glasgow Provan
    S16000145: 'S16000148', // Strathkelvin and Bearsden
  },
  regions: {
    S17000010: 'S17000017', // Glasgow
  },
  parties: {
    '13': 'Reform UK',
  },
};

const isRow = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value under `name`, whatever the case of the key. */
function pick(source: Row, name: string): unknown {
  if (name in source) {
    return source[name];
  }
  const wanted = name.toLowerCase();
  const key = Object.keys(source).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : source[key];
}

/** The same row with lower-case keys, so fields are found whatever their case. */
function lowerKeys(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

const truthy = (value: unknown): boolean =>
  value === true || value === 1 || (typeof value === 'string' && /^(true|1|yes)$/i.test(value.trim()));

/** Ended rows carry ValidUntilDate (EndDate in Regions); an open row has none. */
const isOpen = (row: Row): boolean => !text(row.validuntildate ?? row.enddate);
const startOf = (row: Row): string => text(row.validfromdate ?? row.startdate);

/**
 * The eight arrays out of an object keyed by their names (an upload's body, or the files of a
 * folder read by the CLI). BAD_USER_INPUT names what is missing or not an array of objects.
 */
export function scottishParliamentData(source: Row): ScottishParliamentData {
  const problems: Array<{ field: string; message: string }> = [];
  const data = {} as ScottishParliamentData;
  for (const [key, name] of Object.entries(SCOTTISH_PARLIAMENT_FILES) as Array<
    [keyof ScottishParliamentData, string]
  >) {
    const value = pick(source, name);
    if (value === undefined) {
      problems.push({ field: name, message: 'is missing' });
    } else if (!Array.isArray(value) || !value.every(isRow)) {
      problems.push({ field: name, message: 'must be an array of objects' });
    } else {
      data[key] = value;
    }
  }
  if (problems.length > 0) {
    throw new BadUserInputError(
      `The Scottish Parliament's ${Object.values(SCOTTISH_PARLIAMENT_FILES).join(', ')} are all needed, each a JSON array; check ${problems.map((p) => p.field).join(', ')}.`,
      problems,
    );
  }
  return data;
}

/** A fix-up table (`{ constituencies: { "S16000120": "S16000147" }, regions: {…}, parties: {…} }`). */
export function scottishParliamentFixups(value: unknown): ScottishParliamentFixups {
  const bad = (message: string): BadUserInputError =>
    new BadUserInputError(`The fix-up table ${message}.`, [{ field: 'fixups', message }]);
  if (!isRow(value)) {
    throw bad('must be an object with constituencies, regions and parties');
  }
  const fixups: ScottishParliamentFixups = {};
  for (const [key, group] of Object.entries(value)) {
    const name = FIXUP_GROUPS.find((g) => g === key.toLowerCase());
    if (!name) {
      throw bad(`may name only ${FIXUP_GROUPS.join(', ')}, not ${key}`);
    }
    if (!isRow(group) || !Object.values(group).every((v) => typeof v === 'string' && v.trim())) {
      throw bad(`must map each of ${name} to a code or name (text)`);
    }
    fixups[name] = Object.fromEntries(
      Object.entries(group).map(([from, to]) => [from.trim(), (to as string).trim()]),
    );
  }
  return fixups;
}

/** An upload's body: the eight arrays by name, and optionally `fixups`. */
export function scottishParliamentUpload(body: unknown): {
  data: ScottishParliamentData;
  fixups: ScottishParliamentFixups;
} {
  if (!isRow(body)) {
    throw new BadUserInputError(
      `Send one JSON object holding the arrays ${Object.values(SCOTTISH_PARLIAMENT_FILES).join(', ')} (and optionally fixups).`,
      [{ field: 'body', message: 'must be a JSON object' }],
    );
  }
  const fixups = pick(body, 'fixups');
  return {
    data: scottishParliamentData(body),
    fixups: fixups === undefined || fixups === null ? {} : scottishParliamentFixups(fixups),
  };
}

/**
 * "Forename Surname" from ParliamentaryName ("Surname, Forename") and PreferredName, which the
 * Parliament gives as the forename someone goes by (a full name is accepted too).
 */
export function mspName(parliamentaryName: string, preferredName: string): string {
  const comma = parliamentaryName.indexOf(',');
  if (comma < 0) {
    return preferredName || parliamentaryName;
  }
  const surname = parliamentaryName.slice(0, comma).trim();
  const forename = parliamentaryName.slice(comma + 1).trim();
  if (preferredName.includes(' ') && preferredName.toLowerCase().endsWith(` ${surname.toLowerCase()}`)) {
    return preferredName;
  }
  return [preferredName || forename, surname].filter(Boolean).join(' ');
}

/** The address to write to: the active default, else the first active one. */
function emailOf(addresses: Row[]): string | null {
  const usable = addresses.filter(
    (a) =>
      (a.isactive === undefined || a.isactive === null || truthy(a.isactive)) &&
      isOpen(a) &&
      isEmail(text(a.address)),
  );
  const chosen = usable.find((a) => truthy(a.isdefault)) ?? usable[0];
  return chosen ? text(chosen.address) : null;
}

function latest(rows: Row[]): Row {
  return rows.reduce((a, b) => (startOf(b) > startOf(a) ? b : a));
}

function groupBy(rows: Row[], field: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = text(row[field]);
    const group = groups.get(key);
    if (group) {
      group.push(row);
    } else if (key) {
      groups.set(key, [row]);
    }
  }
  return groups;
}

export interface MspImportPlan {
  /** One per placed seat; `line` is the member's index in Members, `who` names them in a reason. */
  targets: Array<{ line: number; who: string; fields: TargetFields }>;
  rejected: ImportReport['rejected'];
  warnings: string[];
  /** `email|kind` (email lower-cased) of every MSP holding a seat, placed or not. */
  current: Set<string>;
  /** Every address the Parliament lists for anyone, lower-cased. */
  knownEmails: string[];
}

const SEATS = [
  {
    kind: 'MSP_CONSTITUENCY',
    statuses: 'constituencyStatuses',
    place: 'constituencyid',
    label: 'constituency',
  },
  { kind: 'MSP_REGIONAL', statuses: 'regionStatuses', place: 'regionid', label: 'region' },
] as const;

/**
 * What an import would write, worked out from the data alone: one target per open seat (a
 * status with no end date), or a rejection saying why not. `line` is the member's index in the
 * Members array (0 where the person is not in it).
 */
export function planMspImport(
  source: ScottishParliamentData,
  fixups: ScottishParliamentFixups,
  geography: { setName: string; constituencies: Set<string>; regions: Set<string> },
): MspImportPlan {
  const plan: MspImportPlan = {
    targets: [],
    rejected: [],
    warnings: [],
    current: new Set(),
    knownEmails: [],
  };
  const data = Object.fromEntries(
    Object.entries(source).map(([key, rows]) => [key, rows.map(lowerKeys)]),
  ) as ScottishParliamentData;

  const places = {
    constituency: new Map(data.constituencies.map((c) => [text(c.id), c])),
    region: new Map(data.regions.map((r) => [text(r.id), r])),
  };
  const codeOf = (group: 'constituencies' | 'regions', place: Row, field: string): string => {
    const code = text(place[field]).toUpperCase();
    const table = fixups[group] ?? {};
    return (table[code] ?? table[text(place.id)] ?? code).toUpperCase();
  };
  const partyNames = new Map(
    data.parties.map((p) => [text(p.id), text(p.preferredname) || text(p.actualname)]),
  );
  const partiesOf = groupBy(data.memberParties.filter(isOpen), 'personid');
  const addressesOf = groupBy(data.emailAddresses, 'personid');
  plan.knownEmails = [
    ...new Set(data.emailAddresses.map((a) => text(a.address).toLowerCase()).filter(Boolean)),
  ];
  const missingParties = new Set<string>();

  const members = new Map<string, { row: Row; line: number }>();
  data.members.forEach((row, line) => {
    const id = text(row.personid);
    if (id && !members.has(id)) {
      members.set(id, { row, line });
    }
  });

  // Each person's open seats, one per kind (the latest if the data has more than one).
  const seats = new Map<string, Array<{ kind: TargetKind; label: string; placeId: string; status: Row }>>();
  for (const seat of SEATS) {
    for (const [personId, open] of groupBy(data[seat.statuses].filter(isOpen), 'personid')) {
      if (open.length > 1) {
        plan.warnings.push(
          `PersonID ${personId} has ${open.length} open ${seat.label} seats; the latest is used.`,
        );
      }
      const status = latest(open);
      seats.set(personId, [
        ...(seats.get(personId) ?? []),
        { kind: seat.kind, label: seat.label, placeId: text(status[seat.place]), status },
      ]);
    }
  }

  const ordered = [...seats.entries()].sort(
    ([a], [b]) => (members.get(a)?.line ?? Infinity) - (members.get(b)?.line ?? Infinity),
  );
  const written = new Set<string>();
  for (const [personId, held] of ordered) {
    const member = members.get(personId);
    if (!member) {
      plan.rejected.push({ line: 0, reason: `PersonID ${personId} holds a seat but is not in Members` });
      continue;
    }
    const name = mspName(text(member.row.parliamentaryname), text(member.row.preferredname));
    const who = `${name || 'A member'} (PersonID ${personId})`;
    if (!name) {
      plan.rejected.push({ line: member.line, reason: `${who}: no ParliamentaryName` });
      continue;
    }
    const email = emailOf(addressesOf.get(personId) ?? []);
    if (!email) {
      plan.rejected.push({ line: member.line, reason: `${who}: no active email address` });
      continue;
    }
    const partyRows = partiesOf.get(personId);
    const partyId = partyRows ? text(latest(partyRows).partyid) : '';
    const party = partyId ? partyNames.get(partyId) || fixups.parties?.[partyId] || null : null;
    if (partyId && !party && !missingParties.has(partyId)) {
      missingParties.add(partyId);
      plan.warnings.push(
        `Party ID ${partyId} is not in Parties; its MSPs have no party until a fix-up names it (parties: { "${partyId}": "…" }).`,
      );
    }

    for (const seat of held) {
      const key = `${email.toLowerCase()}|${seat.kind}`;
      plan.current.add(key);
      const isConstituency = seat.kind === 'MSP_CONSTITUENCY';
      const place = (isConstituency ? places.constituency : places.region).get(seat.placeId);
      if (!place) {
        plan.rejected.push({
          line: member.line,
          reason: `${who}: ${seat.label} ID ${seat.placeId} is not in ${isConstituency ? 'Constituencies' : 'Regions'}`,
        });
        continue;
      }
      const code = isConstituency
        ? codeOf('constituencies', place, 'constituencycode')
        : codeOf('regions', place, 'regioncode');
      if (!(isConstituency ? geography.constituencies : geography.regions).has(code)) {
        plan.rejected.push({
          line: member.line,
          reason: `${who}: ${seat.label} ${text(place.name) || seat.placeId} has code ${code || '(none)'}, which is not in the active geography set "${geography.setName}"; add a fix-up`,
        });
        continue;
      }
      if (written.has(key)) {
        plan.rejected.push({
          line: member.line,
          reason: `${who}: the same email address as another MSP of this kind`,
        });
        continue;
      }
      written.add(key);
      plan.targets.push({
        line: member.line,
        who,
        fields: {
          kind: seat.kind,
          name,
          title: 'MSP',
          organisation: 'Scottish Parliament',
          email,
          party,
          constituencyCode: isConstituency ? code : null,
          regionCode: isConstituency ? null : code,
          branchId: null,
        },
      });
    }
  }
  return plan;
}

function mergeFixups(
  base: ScottishParliamentFixups,
  extra: ScottishParliamentFixups,
): ScottishParliamentFixups {
  return Object.fromEntries(FIXUP_GROUPS.map((g) => [g, { ...base[g], ...extra[g] }]));
}

/**
 * MSPs from the Scottish Parliament's open data: a target per current seat (constituency MSPs by
 * constituency code, list MSPs by region code, in the active geography set), upserted by email +
 * kind like any targets import. MSPs who no longer hold a seat are made inactive. Never logs who
 * was imported: names are only in the report returned to the caller.
 */
@Injectable()
export class ScottishParliamentImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async importMsps(
    data: ScottishParliamentData,
    fixups: ScottishParliamentFixups = {},
    actor: Actor | null = null,
  ): Promise<ImportReport> {
    const detail: Record<string, unknown> = { members: data.members.length };
    return auditedImport(this.audit, 'msps.import', actor, detail, async (report) => {
      const set = await activeGeographySet(this.dataSource.manager);
      const [constituencies, regions] = await Promise.all([
        this.dataSource.getRepository(Constituency).findBy({ setId: set.id }),
        this.dataSource.getRepository(Region).findBy({ setId: set.id }),
      ]);
      const plan = planMspImport(data, mergeFixups(SCOTTISH_PARLIAMENT_FIXUPS, fixups), {
        setName: set.name,
        constituencies: new Set(constituencies.map((c) => c.code)),
        regions: new Set(regions.map((r) => r.code)),
      });
      report.rejected.push(...plan.rejected);
      report.warnings.push(...plan.warnings);

      const deactivated = await this.dataSource.transaction(async (manager) => {
        // Former MSPs leave first; then each current one takes their seat (MspSeats' rule, with the
        // Parliament's data as the authority on who holds a seat).
        await lockMspSeats(manager);
        const former = await this.deactivateFormer(manager, plan, plan.rejected.length === 0);
        const seats = await MspSeats.forActiveSet(manager, false);
        for (const { line, who, fields } of plan.targets) {
          const refused = seats.add(line, fields, who);
          if (refused) {
            report.rejected.push({ line, reason: refused });
          }
        }
        await seats.write(manager, report, plan.current);
        return former;
      });
      detail.deactivated = deactivated;
      if (deactivated > 0) {
        report.warnings.push(
          `${deactivated} MSP target${deactivated === 1 ? '' : 's'} made inactive: no longer holding that seat.`,
        );
      }
      const warning = await mspShapeWarning(this.dataSource.manager);
      if (warning) {
        report.warnings.push(warning);
      }
    });
  }

  /**
   * MSP targets that no longer hold a seat of their kind (left, lost their seat, changed address, or
   * moved between constituency and list) become inactive, so "your MSPs" stays eight people. When
   * some seats could not be placed (rejected), only targets at an address the Parliament lists are
   * touched, so an MSP whose seat was rejected is not dropped too. Other kinds are untouched.
   */
  private async deactivateFormer(
    manager: EntityManager,
    plan: MspImportPlan,
    complete: boolean,
  ): Promise<number> {
    const stale = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM target
       WHERE active AND kind = ANY($1::text[]) AND ($4 OR email = ANY($2::citext[]))
         AND NOT (lower(email::text) || '|' || kind = ANY($3::text[]))`,
      [MSP_KINDS, plan.knownEmails, [...plan.current], complete],
    );
    if (stale.length > 0) {
      await manager.update(Target, { id: In(stale.map((s) => s.id)) }, { active: false });
    }
    return stale.length;
  }
}
