import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '@app/auth';
import { Branch } from '@app/branches';
import { Member, MemberRole } from '@app/members';
import { Petition } from '@app/petitions';
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

/** An open petition (as if created and opened by an organiser). */
export async function createOpenPetition(db: DataSource, overrides: Partial<Petition> = {}): Promise<Petition> {
  const id = unique();
  return db.getRepository(Petition).save({
    slug: `petition-${id}`,
    title: `Drug checking in every city ${id}`,
    summary: 'Free, confidential drug checking services, so people who use drugs can stay safer.',
    body: 'We call on the Scottish Government to fund drug checking services.\n\nEvery city should have one.',
    targetName: 'Scottish Government',
    branchId: null,
    goal: 100,
    status: 'OPEN',
    openedAt: new Date(),
    ...overrides,
  });
}
