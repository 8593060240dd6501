import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '@app/auth';
import { Branch } from '@app/branches';
import { Member, MemberRole } from '@app/members';
import type { TestSystem } from '../support/test-system';

const unique = (): string => randomBytes(4).toString('hex');

export async function createBranch(db: DataSource, overrides: Partial<Branch> = {}): Promise<Branch> {
  const id = unique();
  return db.getRepository(Branch).save({
    slug: `branch-${id}`,
    name: `Branch ${id}`,
    postcodeAreas: ['KY'],
    contactEmail: null,
    ...overrides,
  });
}

export async function createMember(
  db: DataSource,
  overrides: Partial<Member> & { roles?: Array<{ role: 'ADMIN' | 'ORGANISER'; branchId?: string }> } = {},
): Promise<Member> {
  const { roles = [], ...fields } = overrides;
  const id = unique();
  const member = await db.getRepository(Member).save({
    email: `person-${id}@example.org`,
    fullName: `Person ${id}`,
    postcode: null,
    branchId: null,
    ...fields,
  });
  for (const role of roles) {
    await db
      .getRepository(MemberRole)
      .save({ memberId: member.id, role: role.role, branchId: role.branchId ?? null });
  }
  return member;
}

/** Signs a member in through the real sign-in path (link token → signIn mutation); returns the session token. */
export async function signIn(system: TestSystem, member: Member): Promise<string> {
  const { link } = await system.api.get(AuthService).createSignInLink(member);
  const token = new URL(link).searchParams.get('token');
  const res = await system.graphql<{ signIn: { token: string } }>(
    'mutation($token: String!) { signIn(token: $token) { token } }',
    { token },
  );
  if (!res.data) {
    throw new Error(`Sign-in failed: ${JSON.stringify(res.errors)}`);
  }
  return res.data.signIn.token;
}
