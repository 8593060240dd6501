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
    "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": typeof types.TagMembersDocument,
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
    "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": types.TagMembersDocument,
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
export function graphql(source: "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n"];
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