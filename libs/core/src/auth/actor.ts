export const ROLE_NAMES = ['ADMIN', 'ORGANISER'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Who is making a request: a signed-in member, with what they may do. */
export class Actor {
  constructor(
    readonly memberId: string,
    readonly sessionId: string,
    readonly isAdmin: boolean,
    /** Ids of the branches this person organises. */
    readonly organiserOf: ReadonlySet<string>,
  ) {}

  /** Admins manage every branch and what belongs to none (national); organisers only their own. */
  canManageBranch(branchId: string | null | undefined): boolean {
    return this.isAdmin || (!!branchId && this.organiserOf.has(branchId));
  }

  get isOrganiser(): boolean {
    return this.organiserOf.size > 0;
  }
}

/**
 * Implemented by the auth library: turns a bearer token into an Actor (or null). Core's guard
 * depends only on this interface, so core never imports a domain library.
 */
export abstract class Authenticator {
  abstract authenticate(bearerToken: string): Promise<Actor | null>;
}
