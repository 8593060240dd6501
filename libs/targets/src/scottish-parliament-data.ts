import { isEmail } from 'class-validator';
import { BadUserInputError } from '@app/core';
import { TargetKind } from './target.entity';
import type { TargetFields } from './target.repository';
import type { ImportReport } from './target-writes';

/*
 * The Scottish Parliament's open data, read and planned without the database: what an import of
 * MSPs would write (ScottishParliamentImportService writes it).
 */

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

/** The geography set an import places MSPs in: its name and codes. */
export interface PlanGeography {
  setName: string;
  constituencies: Set<string>;
  regions: Set<string>;
}

/** The source's rows (keys lower-cased) looked up by what the plan asks of them. */
interface SourceIndex {
  places: { constituency: Map<string, Row>; region: Map<string, Row> };
  partyNames: Map<string, string>;
  partiesOf: Map<string, Row[]>;
  addressesOf: Map<string, Row[]>;
  /** By PersonID, with the member's index in Members (the first row where one repeats). */
  members: Map<string, { row: Row; line: number }>;
}

interface OpenSeat {
  kind: TargetKind;
  label: string;
  placeId: string;
  status: Row;
}

/** An MSP of the source, ready to be placed in their seats. */
interface Person {
  line: number;
  who: string;
  name: string;
  email: string;
  party: string | null;
}

function indexSource(data: ScottishParliamentData): SourceIndex {
  const members = new Map<string, { row: Row; line: number }>();
  data.members.forEach((row, line) => {
    const id = text(row.personid);
    if (id && !members.has(id)) {
      members.set(id, { row, line });
    }
  });
  return {
    places: {
      constituency: new Map(data.constituencies.map((c) => [text(c.id), c])),
      region: new Map(data.regions.map((r) => [text(r.id), r])),
    },
    partyNames: new Map(data.parties.map((p) => [text(p.id), text(p.preferredname) || text(p.actualname)])),
    partiesOf: groupBy(data.memberParties.filter(isOpen), 'personid'),
    addressesOf: groupBy(data.emailAddresses, 'personid'),
    members,
  };
}

/** Each person's open seats, one per kind (the latest, with a warning, if the data has more than one). */
function openSeats(data: ScottishParliamentData, warnings: string[]): Map<string, OpenSeat[]> {
  const seats = new Map<string, OpenSeat[]>();
  for (const seat of SEATS) {
    for (const [personId, open] of groupBy(data[seat.statuses].filter(isOpen), 'personid')) {
      if (open.length > 1) {
        warnings.push(
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
  return seats;
}

/**
 * The person holding seats, with their name, address and party; null (and the reason in the plan)
 * when they cannot be written to. A party missing from Parties is warned of once.
 */
function personOf(
  personId: string,
  index: SourceIndex,
  fixups: ScottishParliamentFixups,
  plan: MspImportPlan,
  missingParties: Set<string>,
): Person | null {
  const member = index.members.get(personId);
  if (!member) {
    plan.rejected.push({ line: 0, reason: `PersonID ${personId} holds a seat but is not in Members` });
    return null;
  }
  const name = mspName(text(member.row.parliamentaryname), text(member.row.preferredname));
  const who = `${name || 'A member'} (PersonID ${personId})`;
  if (!name) {
    plan.rejected.push({ line: member.line, reason: `${who}: no ParliamentaryName` });
    return null;
  }
  const email = emailOf(index.addressesOf.get(personId) ?? []);
  if (!email) {
    plan.rejected.push({ line: member.line, reason: `${who}: no active email address` });
    return null;
  }
  const partyRows = index.partiesOf.get(personId);
  const partyId = partyRows ? text(latest(partyRows).partyid) : '';
  const party = partyId ? index.partyNames.get(partyId) || fixups.parties?.[partyId] || null : null;
  if (partyId && !party && !missingParties.has(partyId)) {
    missingParties.add(partyId);
    plan.warnings.push(
      `Party ID ${partyId} is not in Parties; its MSPs have no party until a fix-up names it (parties: { "${partyId}": "…" }).`,
    );
  }
  return { line: member.line, who, name, email, party };
}

/** The GSS code of a constituency or region, through the fix-ups (by code, or by the place's ID). */
function codeOf(
  fixups: ScottishParliamentFixups,
  group: 'constituencies' | 'regions',
  place: Row,
  field: string,
): string {
  const code = text(place[field]).toUpperCase();
  const table = fixups[group] ?? {};
  return (table[code] ?? table[text(place.id)] ?? code).toUpperCase();
}

/** Adds the person's target for one seat to the plan, or the reason it cannot be placed. */
function placeSeat(
  person: Person,
  seat: OpenSeat,
  context: { index: SourceIndex; fixups: ScottishParliamentFixups; geography: PlanGeography },
  plan: MspImportPlan,
  written: Set<string>,
): void {
  const { line, who } = person;
  const key = `${person.email.toLowerCase()}|${seat.kind}`;
  plan.current.add(key);
  const isConstituency = seat.kind === 'MSP_CONSTITUENCY';
  const place = context.index.places[isConstituency ? 'constituency' : 'region'].get(seat.placeId);
  if (!place) {
    plan.rejected.push({
      line,
      reason: `${who}: ${seat.label} ID ${seat.placeId} is not in ${isConstituency ? 'Constituencies' : 'Regions'}`,
    });
    return;
  }
  const code = isConstituency
    ? codeOf(context.fixups, 'constituencies', place, 'constituencycode')
    : codeOf(context.fixups, 'regions', place, 'regioncode');
  if (!(isConstituency ? context.geography.constituencies : context.geography.regions).has(code)) {
    plan.rejected.push({
      line,
      reason: `${who}: ${seat.label} ${text(place.name) || seat.placeId} has code ${code || '(none)'}, which is not in the active geography set "${context.geography.setName}"; add a fix-up`,
    });
    return;
  }
  if (written.has(key)) {
    plan.rejected.push({ line, reason: `${who}: the same email address as another MSP of this kind` });
    return;
  }
  written.add(key);
  plan.targets.push({
    line,
    who,
    fields: {
      kind: seat.kind,
      name: person.name,
      title: 'MSP',
      organisation: 'Scottish Parliament',
      email: person.email,
      party: person.party,
      constituencyCode: isConstituency ? code : null,
      regionCode: isConstituency ? null : code,
      branchId: null,
    },
  });
}

/**
 * What an import would write, worked out from the data alone: one target per open seat (a
 * status with no end date), or a rejection saying why not. `line` is the member's index in the
 * Members array (0 where the person is not in it).
 */
export function planMspImport(
  source: ScottishParliamentData,
  fixups: ScottishParliamentFixups,
  geography: PlanGeography,
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
  const index = indexSource(data);
  plan.knownEmails = [
    ...new Set(data.emailAddresses.map((a) => text(a.address).toLowerCase()).filter(Boolean)),
  ];
  const seats = openSeats(data, plan.warnings);
  const lineOf = (personId: string): number => index.members.get(personId)?.line ?? Infinity;
  const ordered = [...seats.entries()].sort(([a], [b]) => lineOf(a) - lineOf(b));
  const missingParties = new Set<string>();
  const written = new Set<string>();
  for (const [personId, held] of ordered) {
    const person = personOf(personId, index, fixups, plan, missingParties);
    if (!person) {
      continue;
    }
    for (const seat of held) {
      placeSeat(person, seat, { index, fixups, geography }, plan, written);
    }
  }
  return plan;
}

/** The built-in fix-ups with the given ones added (the given win on the same key). */
export function mergeFixups(
  base: ScottishParliamentFixups,
  extra: ScottishParliamentFixups,
): ScottishParliamentFixups {
  return Object.fromEntries(FIXUP_GROUPS.map((g) => [g, { ...base[g], ...extra[g] }]));
}
