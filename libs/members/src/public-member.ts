import { EntityManager } from 'typeorm';
import { recordConsent } from './consent';
import { ConsentSource } from './consent-record.entity';
import { Member } from './member.entity';

export interface PublicPerson {
  email: string;
  fullName: string;
  postcode: string | null;
  emailOptIn: boolean;
  branchId: string | null;
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
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Member)
    .values({
      email: person.email,
      fullName: person.fullName,
      postcode: person.postcode,
      branchId: person.branchId,
      emailOptIn: person.emailOptIn,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  const newId = (inserted.raw as Array<{ id: string }>)[0]?.id;
  if (newId) {
    await recordConsent(manager, newId, person.emailOptIn, source, null);
  }
  const member = await manager.findOneByOrFail(
    Member,
    newId ? { id: newId } : { email: person.email, provisional: false },
  );
  return { member, created: !!newId };
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
    await manager.update(Member, member.id, { emailOptIn: true });
    await recordConsent(manager, member.id, true, source, null);
  }
}
