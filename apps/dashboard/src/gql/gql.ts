/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminBranches {\n    branches {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n": typeof types.AdminBranchesDocument,
    "\n  mutation CreateBranch($input: CreateBranchInput!) {\n    createBranch(input: $input) {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n": typeof types.CreateBranchDocument,
    "\n  query AdminTargets($kind: TargetKind, $first: Int!, $after: String) {\n    targets(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          title\n          organisation\n          kind\n          party\n          deliveryStatus\n        }\n      }\n    }\n  }\n": typeof types.AdminTargetsDocument,
    "\n  query AuditLog($action: String, $branchId: ID, $first: Int!, $after: String) {\n    auditLog(action: $action, branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          branchId\n          subjectId\n          rowCount\n          detail\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AdminPledgeCommitments {\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n": typeof types.AdminPledgeCommitmentsDocument,
    "\n  mutation SavePledgeCommitment($input: CommitmentInput!) {\n    savePledgeCommitment(input: $input) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n": typeof types.SavePledgeCommitmentDocument,
    "\n  mutation RetirePledgeCommitment($code: String!) {\n    retirePledgeCommitment(code: $code) {\n      code\n      retired\n    }\n  }\n": typeof types.RetirePledgeCommitmentDocument,
    "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query HomeActivity($branchId: ID!, $days: Int!) {\n    branchSignaturesByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    branchLettersByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    pledges(branchId: $branchId, status: SUBMITTED, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.HomeActivityDocument,
    "\n  query BranchLetterCampaigns($branchId: ID!, $first: Int!, $after: String) {\n    branchLetterCampaigns(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          targeting\n        }\n      }\n    }\n  }\n": typeof types.BranchLetterCampaignsDocument,
    "\n  query ManagedLetterCampaign($id: ID!) {\n    managedLetterCampaign(id: $id) {\n      id\n      slug\n      title\n      status\n      targeting\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      stats {\n        written\n        confirmed\n        sent\n        failed\n        personalisedShare\n        byTarget {\n          written\n          confirmed\n          sent\n          failed\n          target {\n            id\n            name\n            title\n            deliveryStatus\n          }\n        }\n      }\n    }\n  }\n": typeof types.ManagedLetterCampaignDocument,
    "\n  query CheckLetterTemplates($subjectTemplate: String!, $bodyTemplate: String!) {\n    checkLetterTemplates(subjectTemplate: $subjectTemplate, bodyTemplate: $bodyTemplate) {\n      placeholders\n      problems {\n        field\n        message\n      }\n    }\n  }\n": typeof types.CheckLetterTemplatesDocument,
    "\n  query PreviewLetters($campaignSlug: String!, $postcode: String!, $fullName: String!) {\n    previewLetters(campaignSlug: $campaignSlug, postcode: $postcode, fullName: $fullName) {\n      subject\n      body\n      target {\n        id\n        name\n        title\n      }\n    }\n  }\n": typeof types.PreviewLettersDocument,
    "\n  mutation CreateLetterCampaign($input: CreateLetterCampaignInput!) {\n    createLetterCampaign(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateLetterCampaignDocument,
    "\n  mutation UpdateLetterCampaign($input: UpdateLetterCampaignInput!) {\n    updateLetterCampaign(input: $input) {\n      id\n      title\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      targeting\n    }\n  }\n": typeof types.UpdateLetterCampaignDocument,
    "\n  mutation OpenLetterCampaign($id: ID!) {\n    openLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.OpenLetterCampaignDocument,
    "\n  mutation CloseLetterCampaign($id: ID!) {\n    closeLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CloseLetterCampaignDocument,
    "\n  mutation SetTargetDeliveryStatus($id: ID!, $status: DeliveryStatus!) {\n    setTargetDeliveryStatus(id: $id, status: $status) {\n      id\n      deliveryStatus\n    }\n  }\n": typeof types.SetTargetDeliveryStatusDocument,
    "\n  query MemberPage($id: ID!) {\n    member(id: $id) {\n      id\n      fullName\n      email\n      postcode\n      tags\n      emailOptIn\n      emailConfirmed\n      archived\n      joinedAt\n      branch {\n        id\n        name\n      }\n      roles {\n        role\n        branch {\n          id\n          name\n        }\n      }\n    }\n    memberConsentHistory(memberId: $id) {\n      id\n      emailOptIn\n      wording\n      source\n      byOrganiser\n      at\n    }\n    memberRsvps(memberId: $id) {\n      id\n      eventId\n      eventTitle\n      startsAt\n      status\n      checkedInAt\n      walkIn\n    }\n    certificates(memberId: $id) {\n      id\n      trainingKind\n      eventTitle\n      issuedOn\n      validUntil\n    }\n  }\n": typeof types.MemberPageDocument,
    "\n  query EmailConsent {\n    emailConsent {\n      text\n    }\n  }\n": typeof types.EmailConsentDocument,
    "\n  mutation CreateMember($input: CreateMemberInput!) {\n    createMember(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateMemberDocument,
    "\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      id\n      fullName\n      postcode\n      emailOptIn\n    }\n  }\n": typeof types.UpdateMemberDocument,
    "\n  mutation ArchiveMember($id: ID!) {\n    archiveMember(id: $id) {\n      id\n      archived\n    }\n  }\n": typeof types.ArchiveMemberDocument,
    "\n  mutation GrantRole($input: RoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) {\n      id\n    }\n  }\n": typeof types.RevokeRoleDocument,
    "\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": typeof types.TagMembersDocument,
    "\n  mutation UntagMembers($input: TagMembersInput!) {\n    untagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": typeof types.UntagMembersDocument,
    "\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n": typeof types.PetitionBriefingDocument,
    "\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n": typeof types.SendPetitionBriefingDocument,
    "\n  query BranchPetitions($branchId: ID!, $first: Int!, $after: String) {\n    branchPetitions(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          signatureCount\n          goal\n          closesAt\n        }\n      }\n    }\n  }\n": typeof types.BranchPetitionsDocument,
    "\n  query ManagedPetition($id: ID!) {\n    managedPetition(id: $id) {\n      id\n      slug\n      title\n      summary\n      body\n      targetName\n      goal\n      status\n      closesAt\n      deliveredAt\n      deliveryNote\n      signatureCount\n      branch {\n        id\n        name\n      }\n      signaturesByDay {\n        key\n        count\n      }\n      signaturesByConstituency {\n        key\n        count\n      }\n    }\n  }\n": typeof types.ManagedPetitionDocument,
    "\n  mutation CreatePetition($input: CreatePetitionInput!) {\n    createPetition(input: $input) {\n      id\n    }\n  }\n": typeof types.CreatePetitionDocument,
    "\n  mutation UpdatePetition($input: UpdatePetitionInput!) {\n    updatePetition(input: $input) {\n      id\n      title\n      summary\n      body\n      targetName\n      goal\n      closesAt\n    }\n  }\n": typeof types.UpdatePetitionDocument,
    "\n  mutation OpenPetition($id: ID!) {\n    openPetition(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.OpenPetitionDocument,
    "\n  mutation ClosePetition($id: ID!) {\n    closePetition(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ClosePetitionDocument,
    "\n  mutation DeliverPetition($id: ID!, $deliveredAt: DateTime!, $note: String!) {\n    markPetitionDelivered(id: $id, deliveredAt: $deliveredAt, note: $note) {\n      id\n      status\n      deliveredAt\n      deliveryNote\n    }\n  }\n": typeof types.DeliverPetitionDocument,
    "\n  query Pledges($branchId: ID!, $status: PledgeStatus, $first: Int!, $after: String) {\n    pledges(branchId: $branchId, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          status\n          commitments\n          notes\n          verifiedAt\n          expiresAt\n          venue {\n            id\n            name\n            kind\n            address\n            postcode\n            website\n            licenceNumber\n            publicEmail\n          }\n          history {\n            action\n            at\n            note\n          }\n        }\n      }\n    }\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n    }\n  }\n": typeof types.PledgesDocument,
    "\n  mutation VerifyPledge($id: ID!, $note: String!) {\n    verifyPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.VerifyPledgeDocument,
    "\n  mutation RequestPledgeChanges($id: ID!, $note: String!) {\n    requestPledgeChanges(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.RequestPledgeChangesDocument,
    "\n  mutation RejectPledge($id: ID!, $note: String!) {\n    rejectPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.RejectPledgeDocument,
    "\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n": typeof types.RequestSignInLinkDocument,
    "\n  query DoorEvent($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      status\n      startsAtLocal\n    }\n  }\n": typeof types.DoorEventDocument,
    "\n  query DoorAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          status\n          walkIn\n          checkedInAt\n        }\n      }\n    }\n  }\n": typeof types.DoorAttendeesDocument,
    "\n  mutation DoorCheckIn($rsvpId: ID!, $key: ID!) {\n    checkIn(rsvpId: $rsvpId, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n": typeof types.DoorCheckInDocument,
    "\n  mutation DoorCheckInByCode($eventId: ID!, $code: String!, $key: ID!) {\n    checkInByCode(eventId: $eventId, code: $code, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n": typeof types.DoorCheckInByCodeDocument,
    "\n  mutation DoorWalkIn($input: RsvpInput!, $key: ID!) {\n    registerWalkIn(input: $input, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n": typeof types.DoorWalkInDocument,
    "\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      status\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n      isTraining\n      trainingKind\n      certificateValidMonths\n      cancelMessage\n      branch {\n        id\n        name\n      }\n    }\n    attendance(eventId: $id) {\n      going\n      waitlisted\n      cancelled\n      checkedIn\n      walkIns\n    }\n  }\n": typeof types.EventDetailDocument,
    "\n  query EventAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          status\n          walkIn\n          checkedInAt\n          repliedAt\n        }\n      }\n    }\n  }\n": typeof types.EventAttendeesDocument,
    "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      id\n      title\n      description\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n    }\n  }\n": typeof types.UpdateEventDocument,
    "\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.PublishEventDocument,
    "\n  mutation CancelEvent($id: ID!, $message: String!) {\n    cancelEvent(id: $id, message: $message) {\n      id\n      status\n      cancelMessage\n    }\n  }\n": typeof types.CancelEventDocument,
    "\n  query BranchEvents($branchId: ID!, $first: Int!, $after: String, $past: Boolean!) {\n    branchEvents(branchId: $branchId, first: $first, after: $after, past: $past) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAtLocal\n          capacity\n          spacesLeft\n        }\n      }\n    }\n  }\n": typeof types.BranchEventsDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateEventDocument,
    "\n  query Me {\n    me {\n      id\n      fullName\n      roles {\n        role\n        branch {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Branches {\n    branches {\n      id\n      name\n      slug\n    }\n  }\n": typeof types.BranchesDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  query AdminBranches {\n    branches {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n": types.AdminBranchesDocument,
    "\n  mutation CreateBranch($input: CreateBranchInput!) {\n    createBranch(input: $input) {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n": types.CreateBranchDocument,
    "\n  query AdminTargets($kind: TargetKind, $first: Int!, $after: String) {\n    targets(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          title\n          organisation\n          kind\n          party\n          deliveryStatus\n        }\n      }\n    }\n  }\n": types.AdminTargetsDocument,
    "\n  query AuditLog($action: String, $branchId: ID, $first: Int!, $after: String) {\n    auditLog(action: $action, branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          branchId\n          subjectId\n          rowCount\n          detail\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AdminPledgeCommitments {\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n": types.AdminPledgeCommitmentsDocument,
    "\n  mutation SavePledgeCommitment($input: CommitmentInput!) {\n    savePledgeCommitment(input: $input) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n": types.SavePledgeCommitmentDocument,
    "\n  mutation RetirePledgeCommitment($code: String!) {\n    retirePledgeCommitment(code: $code) {\n      code\n      retired\n    }\n  }\n": types.RetirePledgeCommitmentDocument,
    "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query HomeActivity($branchId: ID!, $days: Int!) {\n    branchSignaturesByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    branchLettersByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    pledges(branchId: $branchId, status: SUBMITTED, first: 1) {\n      totalCount\n    }\n  }\n": types.HomeActivityDocument,
    "\n  query BranchLetterCampaigns($branchId: ID!, $first: Int!, $after: String) {\n    branchLetterCampaigns(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          targeting\n        }\n      }\n    }\n  }\n": types.BranchLetterCampaignsDocument,
    "\n  query ManagedLetterCampaign($id: ID!) {\n    managedLetterCampaign(id: $id) {\n      id\n      slug\n      title\n      status\n      targeting\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      stats {\n        written\n        confirmed\n        sent\n        failed\n        personalisedShare\n        byTarget {\n          written\n          confirmed\n          sent\n          failed\n          target {\n            id\n            name\n            title\n            deliveryStatus\n          }\n        }\n      }\n    }\n  }\n": types.ManagedLetterCampaignDocument,
    "\n  query CheckLetterTemplates($subjectTemplate: String!, $bodyTemplate: String!) {\n    checkLetterTemplates(subjectTemplate: $subjectTemplate, bodyTemplate: $bodyTemplate) {\n      placeholders\n      problems {\n        field\n        message\n      }\n    }\n  }\n": types.CheckLetterTemplatesDocument,
    "\n  query PreviewLetters($campaignSlug: String!, $postcode: String!, $fullName: String!) {\n    previewLetters(campaignSlug: $campaignSlug, postcode: $postcode, fullName: $fullName) {\n      subject\n      body\n      target {\n        id\n        name\n        title\n      }\n    }\n  }\n": types.PreviewLettersDocument,
    "\n  mutation CreateLetterCampaign($input: CreateLetterCampaignInput!) {\n    createLetterCampaign(input: $input) {\n      id\n    }\n  }\n": types.CreateLetterCampaignDocument,
    "\n  mutation UpdateLetterCampaign($input: UpdateLetterCampaignInput!) {\n    updateLetterCampaign(input: $input) {\n      id\n      title\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      targeting\n    }\n  }\n": types.UpdateLetterCampaignDocument,
    "\n  mutation OpenLetterCampaign($id: ID!) {\n    openLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n": types.OpenLetterCampaignDocument,
    "\n  mutation CloseLetterCampaign($id: ID!) {\n    closeLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n": types.CloseLetterCampaignDocument,
    "\n  mutation SetTargetDeliveryStatus($id: ID!, $status: DeliveryStatus!) {\n    setTargetDeliveryStatus(id: $id, status: $status) {\n      id\n      deliveryStatus\n    }\n  }\n": types.SetTargetDeliveryStatusDocument,
    "\n  query MemberPage($id: ID!) {\n    member(id: $id) {\n      id\n      fullName\n      email\n      postcode\n      tags\n      emailOptIn\n      emailConfirmed\n      archived\n      joinedAt\n      branch {\n        id\n        name\n      }\n      roles {\n        role\n        branch {\n          id\n          name\n        }\n      }\n    }\n    memberConsentHistory(memberId: $id) {\n      id\n      emailOptIn\n      wording\n      source\n      byOrganiser\n      at\n    }\n    memberRsvps(memberId: $id) {\n      id\n      eventId\n      eventTitle\n      startsAt\n      status\n      checkedInAt\n      walkIn\n    }\n    certificates(memberId: $id) {\n      id\n      trainingKind\n      eventTitle\n      issuedOn\n      validUntil\n    }\n  }\n": types.MemberPageDocument,
    "\n  query EmailConsent {\n    emailConsent {\n      text\n    }\n  }\n": types.EmailConsentDocument,
    "\n  mutation CreateMember($input: CreateMemberInput!) {\n    createMember(input: $input) {\n      id\n    }\n  }\n": types.CreateMemberDocument,
    "\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      id\n      fullName\n      postcode\n      emailOptIn\n    }\n  }\n": types.UpdateMemberDocument,
    "\n  mutation ArchiveMember($id: ID!) {\n    archiveMember(id: $id) {\n      id\n      archived\n    }\n  }\n": types.ArchiveMemberDocument,
    "\n  mutation GrantRole($input: RoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) {\n      id\n    }\n  }\n": types.RevokeRoleDocument,
    "\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": types.TagMembersDocument,
    "\n  mutation UntagMembers($input: TagMembersInput!) {\n    untagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": types.UntagMembersDocument,
    "\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n": types.PetitionBriefingDocument,
    "\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n": types.SendPetitionBriefingDocument,
    "\n  query BranchPetitions($branchId: ID!, $first: Int!, $after: String) {\n    branchPetitions(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          signatureCount\n          goal\n          closesAt\n        }\n      }\n    }\n  }\n": types.BranchPetitionsDocument,
    "\n  query ManagedPetition($id: ID!) {\n    managedPetition(id: $id) {\n      id\n      slug\n      title\n      summary\n      body\n      targetName\n      goal\n      status\n      closesAt\n      deliveredAt\n      deliveryNote\n      signatureCount\n      branch {\n        id\n        name\n      }\n      signaturesByDay {\n        key\n        count\n      }\n      signaturesByConstituency {\n        key\n        count\n      }\n    }\n  }\n": types.ManagedPetitionDocument,
    "\n  mutation CreatePetition($input: CreatePetitionInput!) {\n    createPetition(input: $input) {\n      id\n    }\n  }\n": types.CreatePetitionDocument,
    "\n  mutation UpdatePetition($input: UpdatePetitionInput!) {\n    updatePetition(input: $input) {\n      id\n      title\n      summary\n      body\n      targetName\n      goal\n      closesAt\n    }\n  }\n": types.UpdatePetitionDocument,
    "\n  mutation OpenPetition($id: ID!) {\n    openPetition(id: $id) {\n      id\n      status\n    }\n  }\n": types.OpenPetitionDocument,
    "\n  mutation ClosePetition($id: ID!) {\n    closePetition(id: $id) {\n      id\n      status\n    }\n  }\n": types.ClosePetitionDocument,
    "\n  mutation DeliverPetition($id: ID!, $deliveredAt: DateTime!, $note: String!) {\n    markPetitionDelivered(id: $id, deliveredAt: $deliveredAt, note: $note) {\n      id\n      status\n      deliveredAt\n      deliveryNote\n    }\n  }\n": types.DeliverPetitionDocument,
    "\n  query Pledges($branchId: ID!, $status: PledgeStatus, $first: Int!, $after: String) {\n    pledges(branchId: $branchId, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          status\n          commitments\n          notes\n          verifiedAt\n          expiresAt\n          venue {\n            id\n            name\n            kind\n            address\n            postcode\n            website\n            licenceNumber\n            publicEmail\n          }\n          history {\n            action\n            at\n            note\n          }\n        }\n      }\n    }\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n    }\n  }\n": types.PledgesDocument,
    "\n  mutation VerifyPledge($id: ID!, $note: String!) {\n    verifyPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n": types.VerifyPledgeDocument,
    "\n  mutation RequestPledgeChanges($id: ID!, $note: String!) {\n    requestPledgeChanges(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n": types.RequestPledgeChangesDocument,
    "\n  mutation RejectPledge($id: ID!, $note: String!) {\n    rejectPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n": types.RejectPledgeDocument,
    "\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n": types.RequestSignInLinkDocument,
    "\n  query DoorEvent($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      status\n      startsAtLocal\n    }\n  }\n": types.DoorEventDocument,
    "\n  query DoorAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          status\n          walkIn\n          checkedInAt\n        }\n      }\n    }\n  }\n": types.DoorAttendeesDocument,
    "\n  mutation DoorCheckIn($rsvpId: ID!, $key: ID!) {\n    checkIn(rsvpId: $rsvpId, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n": types.DoorCheckInDocument,
    "\n  mutation DoorCheckInByCode($eventId: ID!, $code: String!, $key: ID!) {\n    checkInByCode(eventId: $eventId, code: $code, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n": types.DoorCheckInByCodeDocument,
    "\n  mutation DoorWalkIn($input: RsvpInput!, $key: ID!) {\n    registerWalkIn(input: $input, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n": types.DoorWalkInDocument,
    "\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      status\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n      isTraining\n      trainingKind\n      certificateValidMonths\n      cancelMessage\n      branch {\n        id\n        name\n      }\n    }\n    attendance(eventId: $id) {\n      going\n      waitlisted\n      cancelled\n      checkedIn\n      walkIns\n    }\n  }\n": types.EventDetailDocument,
    "\n  query EventAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          status\n          walkIn\n          checkedInAt\n          repliedAt\n        }\n      }\n    }\n  }\n": types.EventAttendeesDocument,
    "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      id\n      title\n      description\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n    }\n  }\n": types.UpdateEventDocument,
    "\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      id\n      status\n    }\n  }\n": types.PublishEventDocument,
    "\n  mutation CancelEvent($id: ID!, $message: String!) {\n    cancelEvent(id: $id, message: $message) {\n      id\n      status\n      cancelMessage\n    }\n  }\n": types.CancelEventDocument,
    "\n  query BranchEvents($branchId: ID!, $first: Int!, $after: String, $past: Boolean!) {\n    branchEvents(branchId: $branchId, first: $first, after: $after, past: $past) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAtLocal\n          capacity\n          spacesLeft\n        }\n      }\n    }\n  }\n": types.BranchEventsDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n": types.CreateEventDocument,
    "\n  query Me {\n    me {\n      id\n      fullName\n      roles {\n        role\n        branch {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query Branches {\n    branches {\n      id\n      name\n      slug\n    }\n  }\n": types.BranchesDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBranches {\n    branches {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n"): (typeof documents)["\n  query AdminBranches {\n    branches {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBranch($input: CreateBranchInput!) {\n    createBranch(input: $input) {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBranch($input: CreateBranchInput!) {\n    createBranch(input: $input) {\n      id\n      name\n      slug\n      postcodeAreas\n      contactEmail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTargets($kind: TargetKind, $first: Int!, $after: String) {\n    targets(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          title\n          organisation\n          kind\n          party\n          deliveryStatus\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminTargets($kind: TargetKind, $first: Int!, $after: String) {\n    targets(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          title\n          organisation\n          kind\n          party\n          deliveryStatus\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($action: String, $branchId: ID, $first: Int!, $after: String) {\n    auditLog(action: $action, branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          branchId\n          subjectId\n          rowCount\n          detail\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($action: String, $branchId: ID, $first: Int!, $after: String) {\n    auditLog(action: $action, branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          branchId\n          subjectId\n          rowCount\n          detail\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPledgeCommitments {\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n"): (typeof documents)["\n  query AdminPledgeCommitments {\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SavePledgeCommitment($input: CommitmentInput!) {\n    savePledgeCommitment(input: $input) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n"): (typeof documents)["\n  mutation SavePledgeCommitment($input: CommitmentInput!) {\n    savePledgeCommitment(input: $input) {\n      code\n      title\n      description\n      retired\n      sortOrder\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetirePledgeCommitment($code: String!) {\n    retirePledgeCommitment(code: $code) {\n      code\n      retired\n    }\n  }\n"): (typeof documents)["\n  mutation RetirePledgeCommitment($code: String!) {\n    retirePledgeCommitment(code: $code) {\n      code\n      retired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeActivity($branchId: ID!, $days: Int!) {\n    branchSignaturesByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    branchLettersByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    pledges(branchId: $branchId, status: SUBMITTED, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query HomeActivity($branchId: ID!, $days: Int!) {\n    branchSignaturesByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    branchLettersByDay(branchId: $branchId, days: $days) {\n      key\n      count\n    }\n    pledges(branchId: $branchId, status: SUBMITTED, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchLetterCampaigns($branchId: ID!, $first: Int!, $after: String) {\n    branchLetterCampaigns(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          targeting\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BranchLetterCampaigns($branchId: ID!, $first: Int!, $after: String) {\n    branchLetterCampaigns(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          targeting\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagedLetterCampaign($id: ID!) {\n    managedLetterCampaign(id: $id) {\n      id\n      slug\n      title\n      status\n      targeting\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      stats {\n        written\n        confirmed\n        sent\n        failed\n        personalisedShare\n        byTarget {\n          written\n          confirmed\n          sent\n          failed\n          target {\n            id\n            name\n            title\n            deliveryStatus\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagedLetterCampaign($id: ID!) {\n    managedLetterCampaign(id: $id) {\n      id\n      slug\n      title\n      status\n      targeting\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      stats {\n        written\n        confirmed\n        sent\n        failed\n        personalisedShare\n        byTarget {\n          written\n          confirmed\n          sent\n          failed\n          target {\n            id\n            name\n            title\n            deliveryStatus\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckLetterTemplates($subjectTemplate: String!, $bodyTemplate: String!) {\n    checkLetterTemplates(subjectTemplate: $subjectTemplate, bodyTemplate: $bodyTemplate) {\n      placeholders\n      problems {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query CheckLetterTemplates($subjectTemplate: String!, $bodyTemplate: String!) {\n    checkLetterTemplates(subjectTemplate: $subjectTemplate, bodyTemplate: $bodyTemplate) {\n      placeholders\n      problems {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewLetters($campaignSlug: String!, $postcode: String!, $fullName: String!) {\n    previewLetters(campaignSlug: $campaignSlug, postcode: $postcode, fullName: $fullName) {\n      subject\n      body\n      target {\n        id\n        name\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewLetters($campaignSlug: String!, $postcode: String!, $fullName: String!) {\n    previewLetters(campaignSlug: $campaignSlug, postcode: $postcode, fullName: $fullName) {\n      subject\n      body\n      target {\n        id\n        name\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLetterCampaign($input: CreateLetterCampaignInput!) {\n    createLetterCampaign(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLetterCampaign($input: CreateLetterCampaignInput!) {\n    createLetterCampaign(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLetterCampaign($input: UpdateLetterCampaignInput!) {\n    updateLetterCampaign(input: $input) {\n      id\n      title\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      targeting\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLetterCampaign($input: UpdateLetterCampaignInput!) {\n    updateLetterCampaign(input: $input) {\n      id\n      title\n      subjectTemplate\n      bodyTemplate\n      requirePersonalisation\n      targeting\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenLetterCampaign($id: ID!) {\n    openLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation OpenLetterCampaign($id: ID!) {\n    openLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseLetterCampaign($id: ID!) {\n    closeLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CloseLetterCampaign($id: ID!) {\n    closeLetterCampaign(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTargetDeliveryStatus($id: ID!, $status: DeliveryStatus!) {\n    setTargetDeliveryStatus(id: $id, status: $status) {\n      id\n      deliveryStatus\n    }\n  }\n"): (typeof documents)["\n  mutation SetTargetDeliveryStatus($id: ID!, $status: DeliveryStatus!) {\n    setTargetDeliveryStatus(id: $id, status: $status) {\n      id\n      deliveryStatus\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberPage($id: ID!) {\n    member(id: $id) {\n      id\n      fullName\n      email\n      postcode\n      tags\n      emailOptIn\n      emailConfirmed\n      archived\n      joinedAt\n      branch {\n        id\n        name\n      }\n      roles {\n        role\n        branch {\n          id\n          name\n        }\n      }\n    }\n    memberConsentHistory(memberId: $id) {\n      id\n      emailOptIn\n      wording\n      source\n      byOrganiser\n      at\n    }\n    memberRsvps(memberId: $id) {\n      id\n      eventId\n      eventTitle\n      startsAt\n      status\n      checkedInAt\n      walkIn\n    }\n    certificates(memberId: $id) {\n      id\n      trainingKind\n      eventTitle\n      issuedOn\n      validUntil\n    }\n  }\n"): (typeof documents)["\n  query MemberPage($id: ID!) {\n    member(id: $id) {\n      id\n      fullName\n      email\n      postcode\n      tags\n      emailOptIn\n      emailConfirmed\n      archived\n      joinedAt\n      branch {\n        id\n        name\n      }\n      roles {\n        role\n        branch {\n          id\n          name\n        }\n      }\n    }\n    memberConsentHistory(memberId: $id) {\n      id\n      emailOptIn\n      wording\n      source\n      byOrganiser\n      at\n    }\n    memberRsvps(memberId: $id) {\n      id\n      eventId\n      eventTitle\n      startsAt\n      status\n      checkedInAt\n      walkIn\n    }\n    certificates(memberId: $id) {\n      id\n      trainingKind\n      eventTitle\n      issuedOn\n      validUntil\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EmailConsent {\n    emailConsent {\n      text\n    }\n  }\n"): (typeof documents)["\n  query EmailConsent {\n    emailConsent {\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMember($input: CreateMemberInput!) {\n    createMember(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMember($input: CreateMemberInput!) {\n    createMember(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      id\n      fullName\n      postcode\n      emailOptIn\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      id\n      fullName\n      postcode\n      emailOptIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveMember($id: ID!) {\n    archiveMember(id: $id) {\n      id\n      archived\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveMember($id: ID!) {\n    archiveMember(id: $id) {\n      id\n      archived\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($input: RoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation GrantRole($input: RoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n"): (typeof documents)["\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UntagMembers($input: TagMembersInput!) {\n    untagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n"): (typeof documents)["\n  mutation UntagMembers($input: TagMembersInput!) {\n    untagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n"): (typeof documents)["\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchPetitions($branchId: ID!, $first: Int!, $after: String) {\n    branchPetitions(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          signatureCount\n          goal\n          closesAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BranchPetitions($branchId: ID!, $first: Int!, $after: String) {\n    branchPetitions(branchId: $branchId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          status\n          signatureCount\n          goal\n          closesAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagedPetition($id: ID!) {\n    managedPetition(id: $id) {\n      id\n      slug\n      title\n      summary\n      body\n      targetName\n      goal\n      status\n      closesAt\n      deliveredAt\n      deliveryNote\n      signatureCount\n      branch {\n        id\n        name\n      }\n      signaturesByDay {\n        key\n        count\n      }\n      signaturesByConstituency {\n        key\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagedPetition($id: ID!) {\n    managedPetition(id: $id) {\n      id\n      slug\n      title\n      summary\n      body\n      targetName\n      goal\n      status\n      closesAt\n      deliveredAt\n      deliveryNote\n      signatureCount\n      branch {\n        id\n        name\n      }\n      signaturesByDay {\n        key\n        count\n      }\n      signaturesByConstituency {\n        key\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePetition($input: CreatePetitionInput!) {\n    createPetition(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePetition($input: CreatePetitionInput!) {\n    createPetition(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePetition($input: UpdatePetitionInput!) {\n    updatePetition(input: $input) {\n      id\n      title\n      summary\n      body\n      targetName\n      goal\n      closesAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePetition($input: UpdatePetitionInput!) {\n    updatePetition(input: $input) {\n      id\n      title\n      summary\n      body\n      targetName\n      goal\n      closesAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenPetition($id: ID!) {\n    openPetition(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation OpenPetition($id: ID!) {\n    openPetition(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClosePetition($id: ID!) {\n    closePetition(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ClosePetition($id: ID!) {\n    closePetition(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeliverPetition($id: ID!, $deliveredAt: DateTime!, $note: String!) {\n    markPetitionDelivered(id: $id, deliveredAt: $deliveredAt, note: $note) {\n      id\n      status\n      deliveredAt\n      deliveryNote\n    }\n  }\n"): (typeof documents)["\n  mutation DeliverPetition($id: ID!, $deliveredAt: DateTime!, $note: String!) {\n    markPetitionDelivered(id: $id, deliveredAt: $deliveredAt, note: $note) {\n      id\n      status\n      deliveredAt\n      deliveryNote\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pledges($branchId: ID!, $status: PledgeStatus, $first: Int!, $after: String) {\n    pledges(branchId: $branchId, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          status\n          commitments\n          notes\n          verifiedAt\n          expiresAt\n          venue {\n            id\n            name\n            kind\n            address\n            postcode\n            website\n            licenceNumber\n            publicEmail\n          }\n          history {\n            action\n            at\n            note\n          }\n        }\n      }\n    }\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n    }\n  }\n"): (typeof documents)["\n  query Pledges($branchId: ID!, $status: PledgeStatus, $first: Int!, $after: String) {\n    pledges(branchId: $branchId, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          status\n          commitments\n          notes\n          verifiedAt\n          expiresAt\n          venue {\n            id\n            name\n            kind\n            address\n            postcode\n            website\n            licenceNumber\n            publicEmail\n          }\n          history {\n            action\n            at\n            note\n          }\n        }\n      }\n    }\n    pledgeCommitments(includeRetired: true) {\n      code\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyPledge($id: ID!, $note: String!) {\n    verifyPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyPledge($id: ID!, $note: String!) {\n    verifyPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPledgeChanges($id: ID!, $note: String!) {\n    requestPledgeChanges(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPledgeChanges($id: ID!, $note: String!) {\n    requestPledgeChanges(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectPledge($id: ID!, $note: String!) {\n    rejectPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RejectPledge($id: ID!, $note: String!) {\n    rejectPledge(id: $id, note: $note) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoorEvent($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      status\n      startsAtLocal\n    }\n  }\n"): (typeof documents)["\n  query DoorEvent($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      status\n      startsAtLocal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoorAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          status\n          walkIn\n          checkedInAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DoorAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          status\n          walkIn\n          checkedInAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorCheckIn($rsvpId: ID!, $key: ID!) {\n    checkIn(rsvpId: $rsvpId, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n"): (typeof documents)["\n  mutation DoorCheckIn($rsvpId: ID!, $key: ID!) {\n    checkIn(rsvpId: $rsvpId, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorCheckInByCode($eventId: ID!, $code: String!, $key: ID!) {\n    checkInByCode(eventId: $eventId, code: $code, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n"): (typeof documents)["\n  mutation DoorCheckInByCode($eventId: ID!, $code: String!, $key: ID!) {\n    checkInByCode(eventId: $eventId, code: $code, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorWalkIn($input: RsvpInput!, $key: ID!) {\n    registerWalkIn(input: $input, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n"): (typeof documents)["\n  mutation DoorWalkIn($input: RsvpInput!, $key: ID!) {\n    registerWalkIn(input: $input, idempotencyKey: $key) {\n      id\n      fullName\n      status\n      walkIn\n      checkedInAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      status\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n      isTraining\n      trainingKind\n      certificateValidMonths\n      cancelMessage\n      branch {\n        id\n        name\n      }\n    }\n    attendance(eventId: $id) {\n      going\n      waitlisted\n      cancelled\n      checkedIn\n      walkIns\n    }\n  }\n"): (typeof documents)["\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      status\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n      isTraining\n      trainingKind\n      certificateValidMonths\n      cancelMessage\n      branch {\n        id\n        name\n      }\n    }\n    attendance(eventId: $id) {\n      going\n      waitlisted\n      cancelled\n      checkedIn\n      walkIns\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          status\n          walkIn\n          checkedInAt\n          repliedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventAttendees($eventId: ID!, $first: Int!, $after: String) {\n    eventAttendees(eventId: $eventId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          status\n          walkIn\n          checkedInAt\n          repliedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      id\n      title\n      description\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      id\n      title\n      description\n      startsAt\n      endsAt\n      startsAtLocal\n      location {\n        name\n        address\n        postcode\n      }\n      onlineUrl\n      capacity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelEvent($id: ID!, $message: String!) {\n    cancelEvent(id: $id, message: $message) {\n      id\n      status\n      cancelMessage\n    }\n  }\n"): (typeof documents)["\n  mutation CancelEvent($id: ID!, $message: String!) {\n    cancelEvent(id: $id, message: $message) {\n      id\n      status\n      cancelMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchEvents($branchId: ID!, $first: Int!, $after: String, $past: Boolean!) {\n    branchEvents(branchId: $branchId, first: $first, after: $after, past: $past) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAtLocal\n          capacity\n          spacesLeft\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BranchEvents($branchId: ID!, $first: Int!, $after: String, $past: Boolean!) {\n    branchEvents(branchId: $branchId, first: $first, after: $after, past: $past) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAtLocal\n          capacity\n          spacesLeft\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      fullName\n      roles {\n        role\n        branch {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      fullName\n      roles {\n        role\n        branch {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Branches {\n    branches {\n      id\n      name\n      slug\n    }\n  }\n"): (typeof documents)["\n  query Branches {\n    branches {\n      id\n      name\n      slug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;