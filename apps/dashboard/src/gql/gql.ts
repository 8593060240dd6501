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
    "\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n": typeof types.PetitionBriefingDocument,
    "\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n": typeof types.SendPetitionBriefingDocument,
    "\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n": typeof types.RequestSignInLinkDocument,
    "\n  query Me {\n    me {\n      id\n      fullName\n      roles {\n        role\n        branch {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Branches {\n    branches {\n      id\n      name\n      slug\n    }\n  }\n": typeof types.BranchesDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  query Home($branchId: ID!, $branchSlug: String!) {\n    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {\n      edges {\n        node {\n          id\n          title\n          signatureCount\n          goal\n        }\n      }\n    }\n    events(branchSlug: $branchSlug, first: 5) {\n      edges {\n        node {\n          id\n          title\n          startsAtLocal\n        }\n      }\n    }\n    members(branchId: $branchId, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          fullName\n          joinedAt\n        }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {\n    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          fullName\n          email\n          postcode\n          tags\n          emailOptIn\n          emailConfirmed\n          joinedAt\n        }\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  mutation TagMembers($input: TagMembersInput!) {\n    tagMembers(input: $input) {\n      id\n      tags\n    }\n  }\n": types.TagMembersDocument,
    "\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n": types.PetitionBriefingDocument,
    "\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n": types.SendPetitionBriefingDocument,
    "\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n": types.RequestSignInLinkDocument,
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
export function graphql(source: "\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query PetitionBriefing($petitionId: ID!) {\n    petitionBriefing(petitionId: $petitionId) {\n      total\n      petition {\n        id\n        title\n        summary\n      }\n      rows {\n        target {\n          id\n          name\n          kind\n          deliveryStatus\n        }\n        area\n        signers\n        lastSentAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n"): (typeof documents)["\n  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {\n    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {\n      sent\n      alreadySent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestSignInLink($email: String!) {\n    requestSignInLink(email: $email)\n  }\n"];
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