import { EntityManager } from 'typeorm';
import { ConsentSource } from './consent-record.entity';
import { ConsentRepository } from './consent.repository';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';

export interface PublicPerson {
  email: string;
  fullName: string;
  postcode: string | null;
  emailOptIn: boolean;
  branchId: string | null;
}

/**
 * These are functions, not a service, so that any library can call them inside its own transaction
 * without injecting anything; the statements are MemberRepository's and ConsentRepository's, bound
 * to the transaction's connection.
 */
function repositories(manager: EntityManager): { members: MemberRepository; consent: ConsentRepository } {
  return { members: new MemberRepository(manager.connection), consent: new ConsentRepository() };
}

/**
 * The member behind a public form (join, RSVP…), in the caller's transaction: a new address is added,
 * unconfirmed, with the consent given recorded; a known one is returned untouched, since nobody may
 * change someone else's record by typing their address.
 */
export async function findOrAddPublicMember(
  manager: EntityManager,
  person: PublicPerson,
  source: ConsentSource,
): Promise<{ member: Member; created: boolean }> {
  const { members } = repositories(manager);
  // The record and its consent record in one statement.
  const added = await members.insertIfNewWithConsent(
    manager,
    {
      email: person.email,
      fullName: person.fullName,
      postcode: person.postcode,
      branchId: person.branchId,
      emailOptIn: person.emailOptIn,
    },
    { source, recordedById: null },
  );
  if (added) {
    return { member: added, created: true };
  }
  return { member: await members.getOwn(manager, person.email), created: false };
}

/**
 * A person who proved the address is theirs (they followed an emailed link) and asked for campaign
 * email: added subscribed, or a known member who was not subscribed is subscribed now, with the
 * consent recorded either way. Erased people stay erased.
 */
export async function subscribeConfirmedPerson(
  manager: EntityManager,
  person: Omit<PublicPerson, 'emailOptIn'>,
  source: ConsentSource,
): Promise<void> {
  const { member, created } = await findOrAddPublicMember(manager, { ...person, emailOptIn: true }, source);
  if (!created && !member.emailOptIn && !member.erasedAt) {
    const { members, consent } = repositories(manager);
    await members.update(manager, member.id, { emailOptIn: true });
    await consent.record(manager, { memberId: member.id, emailOptIn: true, source, recordedById: null });
  }
}
