import type { OutboxMessage } from '@app/mail';
import type { ConsentRecord } from './consent-record.entity';
import type { MemberRole } from './member-role.entity';
import type { Member } from './member.entity';

/** What the members library itself holds about a person, as their data download shows it. */
export interface MembersOwnData {
  member: Member;
  /** The branches' provisional records of the same address (BranchRecordsService). */
  records: Member[];
  roles: MemberRole[];
  consent: ConsentRecord[];
  emails: OutboxMessage[];
}

/**
 * The members library's part of a person's data download, from the rows it read: their record,
 * roles, consent history, the email sent to them (not its content) and what branches hold.
 * Other libraries' sections (PersonalDataRegistry) are added beside these.
 */
export function membersOwnSections(data: MembersOwnData, exportedAt: Date): Record<string, unknown> {
  const { member, records, roles, consent, emails } = data;
  // The address is in the member's own section.
  const { email: _address, ...shared } = addressOwnSections(
    { email: member.email, records, emails },
    exportedAt,
  );
  return {
    ...shared,
    member: {
      id: member.id,
      email: member.email,
      fullName: member.fullName,
      postcode: member.postcode,
      branch: member.branch ? { slug: member.branch.slug, name: member.branch.name } : null,
      emailOptIn: member.emailOptIn,
      emailConfirmedAt: member.emailConfirmedAt,
      tags: member.tags,
      joinedAt: member.createdAt,
      archivedAt: member.archivedAt,
    },
    roles: roles.map((r) => ({ role: r.role, branch: r.branch?.slug ?? null, since: r.createdAt })),
    consentRecords: consent.map((c) => ({
      emailOptIn: c.emailOptIn,
      wording: c.wording,
      wordingVersion: c.wordingVersion,
      source: c.source,
      at: c.createdAt,
    })),
  };
}

/**
 * What the members library holds under an address, member or not: the email sent to it (not its
 * content) and the branches' records of it. For someone who never joined, this and the other
 * libraries' sections are the whole download.
 */
export function addressOwnSections(
  data: { email: string; records: Member[]; emails: OutboxMessage[] },
  exportedAt: Date,
): Record<string, unknown> {
  const { email, records, emails } = data;
  return {
    exportedAt: exportedAt.toISOString(),
    email,
    member: null,
    roles: [],
    consentRecords: [],
    emailsSent: emails.map((e) => ({
      template: e.template,
      subject: e.subject,
      status: e.status,
      createdAt: e.createdAt,
      sentAt: e.sentAt,
    })),
    branchRecords: records.map((r) => ({
      branch: r.branch?.slug ?? null,
      fullName: r.fullName,
      postcode: r.postcode,
      emailOptIn: r.emailOptIn,
      tags: r.tags,
      addedAt: r.createdAt,
    })),
  };
}
