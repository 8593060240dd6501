import { Foundation1763884800000 } from './1763884800000-Foundation';
import { Membership1763971200000 } from './1763971200000-Membership';
import { DataRights1764057600000 } from './1764057600000-DataRights';
import { Events1764144000000 } from './1764144000000-Events';
import { Petitions1764230400000 } from './1764230400000-Petitions';
import { Pledges1764316800000 } from './1764316800000-Pledges';
import { Targets1764403200000 } from './1764403200000-Targets';
import { SignatureConstituency1764489600000 } from './1764489600000-SignatureConstituency';
import { Letters1764576000000 } from './1764576000000-Letters';
import { PeopleAcrossBranches1765000000100 } from './1765000000100-PeopleAcrossBranches';
import { KeyedClientAddressHashes1765000000200 } from './1765000000200-KeyedClientAddressHashes';
import { MailHardening1765000000400 } from './1765000000400-MailHardening';
import { OneMspPerSeat1765000000500 } from './1765000000500-OneMspPerSeat';
import { LetterStatusKey1765000000600 } from './1765000000600-LetterStatusKey';
import { AddressTokens1765000000700 } from './1765000000700-AddressTokens';
import { Mailings1765000000800 } from './1765000000800-Mailings';
import { DoorCheckIn1765000000900 } from './1765000000900-DoorCheckIn';
import { LetterReplies1765000001100 } from './1765000001100-LetterReplies';
import { PetitionBriefings1765000001110 } from './1765000001110-PetitionBriefings';
import { LetterNearCopies1765000001120 } from './1765000001120-LetterNearCopies';
import { LetterDigests1765000001130 } from './1765000001130-LetterDigests';
import { LetterDigestDays1765000001140 } from './1765000001140-LetterDigestDays';
import { OutboxLease1765000001313 } from './1765000001313-OutboxLease';
import { OutboxRelay1765000001515 } from './1765000001515-OutboxRelay';
import { SignPetitionFunction1765000001525 } from './1765000001525-SignPetitionFunction';
import { OutboxMailCap1765000001535 } from './1765000001535-OutboxMailCap';
import { LetterSampleIndex1765000001545 } from './1765000001545-LetterSampleIndex';
import { RsvpReplyFunction1765000001555 } from './1765000001555-RsvpReplyFunction';
import { PublicFunctionsGenericPlans1765000001565 } from './1765000001565-PublicFunctionsGenericPlans';
import { RsvpReplySharedLock1765000001575 } from './1765000001575-RsvpReplySharedLock';

export { ENTITIES } from './entities';

/** Every migration, in order. Add new ones at the end. */
export const MIGRATIONS = [
  Foundation1763884800000,
  Membership1763971200000,
  DataRights1764057600000,
  Events1764144000000,
  Petitions1764230400000,
  Pledges1764316800000,
  Targets1764403200000,
  SignatureConstituency1764489600000,
  Letters1764576000000,
  PeopleAcrossBranches1765000000100,
  KeyedClientAddressHashes1765000000200,
  MailHardening1765000000400,
  OneMspPerSeat1765000000500,
  LetterStatusKey1765000000600,
  AddressTokens1765000000700,
  Mailings1765000000800,
  DoorCheckIn1765000000900,
  LetterReplies1765000001100,
  PetitionBriefings1765000001110,
  LetterNearCopies1765000001120,
  LetterDigests1765000001130,
  LetterDigestDays1765000001140,
  OutboxLease1765000001313,
  OutboxRelay1765000001515,
  SignPetitionFunction1765000001525,
  OutboxMailCap1765000001535,
  LetterSampleIndex1765000001545,
  RsvpReplyFunction1765000001555,
  PublicFunctionsGenericPlans1765000001565,
  RsvpReplySharedLock1765000001575,
];
