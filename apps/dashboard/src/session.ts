import { createContext, useContext } from 'react';
import { useSearch } from 'wouter';
import { graphql } from './gql';
import type { MeQuery } from './gql/graphql';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      fullName
      roles {
        role
        branch {
          id
          name
          slug
        }
      }
    }
  }
`);

export const BranchesDocument = graphql(`
  query Branches {
    branches {
      id
      name
      slug
    }
  }
`);

export const SignOutDocument = graphql(`
  mutation SignOut {
    signOut
  }
`);

export interface BranchChoice {
  id: string;
  name: string;
  slug: string;
}

export interface Session {
  me: MeQuery['me'];
  isAdmin: boolean;
  /** The branches this person may choose: their own as organiser, every branch for admins. */
  branches: BranchChoice[];
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession outside the signed-in shell');
  }
  return session;
}

/**
 * The branch being worked on: `?branch=<id>` in the address (so a link or a reload keeps it), else
 * the first one this person may choose. An id typed into the address is used as it is: the API
 * decides what it may show, never the dashboard.
 */
export function useBranch(): { id: string | undefined; branch: BranchChoice | undefined } {
  const { branches } = useSession();
  const id = new URLSearchParams(useSearch()).get('branch') ?? branches[0]?.id;
  return { id, branch: branches.find((b) => b.id === id) };
}

/** `path` with the current branch kept in its query. */
export function withBranch(path: string, branchId: string | undefined): string {
  return branchId ? `${path}?branch=${encodeURIComponent(branchId)}` : path;
}
