import { Session, SignInToken } from '@app/auth';
import { Branch } from '@app/branches';
import { OutboxMessage } from '@app/mail';
import { AddressToken, ConsentRecord, Member, MemberRole, MemberToken, Suppression } from '@app/members';
import { AuditEvent, Installation, RecentRequest } from '@app/core';
import { CampaignEvent, Certificate, CheckInKey, Rsvp } from '@app/events';
import { Petition, PetitionBriefing, PetitionCount, Signature } from '@app/petitions';
import { Commitment, Pledge, PledgeDecision, Venue } from '@app/pledges';
import {
  Letter,
  LetterAnswer,
  LetterCampaign,
  LetterCampaignTarget,
  LetterDigestDay,
  LetterQuestionnaire,
  TargetStance,
} from '@app/letters';
import { Mailing, MailingRecipient } from '@app/mailings';
import { Constituency, GeographySet, PostcodeConstituency, Region, Target } from '@app/targets';

/** Every entity, for the migration runner and the drift check. Add a new library's entities here. */
export const ENTITIES = [
  Branch,
  Member,
  MemberRole,
  ConsentRecord,
  MemberToken,
  AddressToken,
  Suppression,
  AuditEvent,
  Installation,
  RecentRequest,
  SignInToken,
  Session,
  OutboxMessage,
  CampaignEvent,
  Rsvp,
  Certificate,
  CheckInKey,
  Petition,
  Signature,
  PetitionCount,
  PetitionBriefing,
  Commitment,
  Venue,
  Pledge,
  PledgeDecision,
  GeographySet,
  Region,
  Constituency,
  PostcodeConstituency,
  Target,
  LetterCampaign,
  LetterCampaignTarget,
  Letter,
  LetterQuestionnaire,
  LetterAnswer,
  LetterDigestDay,
  TargetStance,
  Mailing,
  MailingRecipient,
];
