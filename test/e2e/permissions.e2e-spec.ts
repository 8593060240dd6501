import { Branch } from '@app/branches';
import { MemberRole } from '@app/members';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem } from '../support/test-system';

const CREATE_BRANCH = `mutation($input: CreateBranchInput!) { createBranch(input: $input) { id slug name postcodeAreas } }`;
const UPDATE_BRANCH = `mutation($input: UpdateBranchInput!) { updateBranch(input: $input) { id slug name postcodeAreas } }`;
const GRANT = `mutation($input: RoleInput!) { grantRole(input: $input) { id roles { role branch { slug } } } }`;
const REVOKE = `mutation($input: RoleInput!) { revokeRole(input: $input) { id roles { role branch { slug } } } }`;
const ME = '{ me { id roles { role branch { slug } } } }';

describe('roles and permissions', () => {
  let system: TestSystem;
  let branch: Branch;
  let adminToken: string;
  let adminId: string;
  let organiserToken: string;
  let organiserId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    branch = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    const admin = await createMember(system.db, { roles: [{ role: 'ADMIN' }] });
    const organiser = await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    adminId = admin.id;
    organiserId = organiser.id;
    adminToken = await signIn(system, admin);
    organiserToken = await signIn(system, organiser);
  });
  afterAll(() => system.stop());

  it('lets anyone read branches, and nobody anonymous read `me`', async () => {
    const branches = await system.graphql(
      '{ branches { slug } branch(slug: "dundee") { name postcodeAreas } }',
    );
    expect(branches.data).toEqual({
      branches: [{ slug: 'dundee' }],
      branch: { name: 'Dundee', postcodeAreas: ['DD'] },
    });

    const missing = await system.graphql('{ branch(slug: "atlantis") { name } }');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const me = await system.graphql(ME);
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const stale = await system.graphql(ME, {}, 'made-up-token');
    expect(stale.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows an organiser their role and branch', async () => {
    const me = await system.graphql(ME, {}, organiserToken);
    expect(me.data).toEqual({
      me: { id: organiserId, roles: [{ role: 'ORGANISER', branch: { slug: 'dundee' } }] },
    });
  });

  it('lets an admin create and update branches, and refuses an organiser', async () => {
    const input = { slug: 'west-lothian', name: 'West Lothian', postcodeAreas: ['eh52', ' EH54 '] };

    const refused = await system.graphql(CREATE_BRANCH, { input }, organiserToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await system.graphql(CREATE_BRANCH, { input });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await system.db.getRepository(Branch).countBy({ slug: 'west-lothian' })).toBe(0);

    const created = await system.graphql<{ createBranch: { id: string; postcodeAreas: string[] } }>(
      CREATE_BRANCH,
      { input },
      adminToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createBranch.postcodeAreas).toEqual(['EH52', 'EH54']);

    const id = created.data!.createBranch.id;
    const renamed = await system.graphql(
      UPDATE_BRANCH,
      { input: { id, name: 'West Lothian and Falkirk' } },
      adminToken,
    );
    expect(renamed.data).toMatchObject({
      updateBranch: { name: 'West Lothian and Falkirk', slug: 'west-lothian' },
    });
    const organiserUpdate = await system.graphql(
      UPDATE_BRANCH,
      { input: { id: branch.id, name: 'Mine' } },
      organiserToken,
    );
    expect(organiserUpdate.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await system.db.getRepository(Branch).findOneByOrFail({ id: branch.id })).name).toBe('Dundee');
  });

  it('refuses bad branch input with the failing fields, and a taken slug as CONFLICT', async () => {
    const bad = await system.graphql(
      CREATE_BRANCH,
      { input: { slug: 'Not A Slug', name: 'X', postcodeAreas: ['123'] } },
      adminToken,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = new Set(bad.errors?.[0].extensions?.fields?.map((f) => f.field));
    expect(fields).toEqual(new Set(['slug', 'name', 'postcodeAreas']));

    const taken = await system.graphql(
      CREATE_BRANCH,
      { input: { slug: 'dundee', name: 'Dundee again', postcodeAreas: [] } },
      adminToken,
    );
    expect(taken.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await system.db.getRepository(Branch).countBy({ slug: 'dundee' })).toBe(1);
  });

  it('lets only admins grant and revoke roles', async () => {
    const supporter = await createMember(system.db);
    const input = { memberId: supporter.id, role: 'ORGANISER', branchId: branch.id };

    const refused = await system.graphql(GRANT, { input }, organiserToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await system.db.getRepository(MemberRole).countBy({ memberId: supporter.id })).toBe(0);

    const granted = await system.graphql(GRANT, { input }, adminToken);
    expect(granted.data).toEqual({
      grantRole: { id: supporter.id, roles: [{ role: 'ORGANISER', branch: { slug: 'dundee' } }] },
    });
    // Granting twice changes nothing.
    await system.graphql(GRANT, { input }, adminToken);
    expect(await system.db.getRepository(MemberRole).countBy({ memberId: supporter.id })).toBe(1);

    // The new organiser's existing session picks up the role at once.
    const supporterToken = await signIn(system, supporter);
    const me = await system.graphql(ME, {}, supporterToken);
    expect(me.data).toMatchObject({ me: { roles: [{ role: 'ORGANISER' }] } });

    const revoked = await system.graphql(REVOKE, { input }, adminToken);
    expect(revoked.data).toEqual({ revokeRole: { id: supporter.id, roles: [] } });
    const createAfter = await system.graphql(GRANT, { input }, supporterToken);
    expect(createAfter.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('checks the scope of a role and keeps the last admin', async () => {
    const adminWithBranch = await system.graphql(
      GRANT,
      { input: { memberId: organiserId, role: 'ADMIN', branchId: branch.id } },
      adminToken,
    );
    expect(adminWithBranch.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'branchId' }],
    });
    const organiserWithout = await system.graphql(
      GRANT,
      { input: { memberId: organiserId, role: 'ORGANISER' } },
      adminToken,
    );
    expect(organiserWithout.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknownMember = await system.graphql(
      GRANT,
      { input: { memberId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' } },
      adminToken,
    );
    expect(unknownMember.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const lastAdmin = await system.graphql(
      REVOKE,
      { input: { memberId: adminId, role: 'ADMIN' } },
      adminToken,
    );
    expect(lastAdmin.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await system.db.getRepository(MemberRole).countBy({ memberId: adminId, role: 'ADMIN' })).toBe(1);
  });
});
