import { randomUUID } from 'node:crypto';
import { inScopedTransaction } from '@flowgraph/kernel';
import { hydratedAsPlain, statementCounter } from '@flowgraph/kernel/testing';
import { MembershipEntity } from '../src/modules/memberships/membership.entity';
import { MembershipRepository } from '../src/modules/memberships/membership.repository';
import { OrganizationEntity } from '../src/modules/organizations/organization.entity';
import { OrganizationRepository } from '../src/modules/organizations/organization.repository';
import { UserEntity } from '../src/modules/users/user.entity';
import { UserRepository } from '../src/modules/users/user.repository';
import { addMember, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
let owner: Account;
const memberIds: string[] = [];
beforeAll(async () => {
  h = await startCoreHarness('core_federation');
  owner = await signUp(h);
  for (let i = 0; i < 49; i++) {
    const account = await signUp(h);
    await addMember(h, owner, account, 'member');
    memberIds.push(account.userId);
  }
});
afterAll(() => h.close());

const usersWithOrganizations = (ids: string[]) =>
  h.call(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id email memberships { role user { id } organization { id name members(first: 5) { edges { node { id role } } } } } } } }`,
    { reps: ids.map((id) => ({ __typename: 'User', id })) },
    owner.identity,
  );

it('resolves 1 and 50 users with organizations and memberships in the same number of statements', async () => {
  const counter = statementCounter(h.orm);
  const one = await usersWithOrganizations([owner.userId]);
  expect(one.errors).toBeUndefined();
  const forOne = counter.count();
  counter.reset();
  const fifty = await usersWithOrganizations([owner.userId, ...memberIds]);
  expect(fifty.errors).toBeUndefined();
  expect(fifty.data?._entities).toHaveLength(50);
  expect(fifty.data?._entities.every((u: { memberships: unknown[] }) => u.memberships.length === 1)).toBe(true);
  expect(counter.count()).toBe(forOne);
});

it('resolves Organization references through the loader', async () => {
  const response = await h.call(
    'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id name } } }',
    { reps: [{ __typename: 'Organization', id: owner.orgId }] },
    owner.identity,
  );
  expect(response.data?._entities).toEqual([{ id: owner.orgId, name: 'Acme' }]);
});

it('masks an internal error: no message leaked, code INTERNAL, request id present', async () => {
  const spy = jest
    .spyOn(UserRepository.prototype, 'findByIds')
    .mockRejectedValueOnce(new Error('connection to 10.9.8.7 failed: password for db_admin'));
  const requestId = randomUUID();
  try {
    const response = await h.call('{ me { id } }', {}, { ...owner.identity, requestId });
    const error = response.errors?.[0];
    expect(error?.message).toBe('Internal server error');
    expect(JSON.stringify(response)).not.toMatch(/db_admin|10\.9\.8\.7/);
    expect(error?.extensions).toMatchObject({ code: 'INTERNAL', request_id: requestId });
  } finally {
    spy.mockRestore();
  }
});

it('reads users, organizations and memberships as plain objects equal to the hydrated entities', async () => {
  const member = memberIds[0];
  const reads = await inScopedTransaction(h.orm.em, { orgId: owner.orgId, userId: owner.userId }, async (em) => {
    const [users, organizations, memberships] = [new UserRepository(em), new OrganizationRepository(em), new MembershipRepository(em)];
    const firstPage = await memberships.firstPageByOrgs([owner.orgId], 5);
    const last = firstPage[firstPage.length - 1];
    const result = {
      users: await users.findByIds([owner.userId, ...memberIds, 'not-a-uuid']),
      organizations: await organizations.findByIds([owner.orgId]),
      memberships: [
        firstPage,
        await memberships.pageByOrg(owner.orgId, 10, { at: last.createdAt, id: last.id }),
        await memberships.findVisibleByUsers([owner.userId, ...memberIds], { orgId: owner.orgId, userId: owner.userId }),
      ],
    };
    // Nothing was hydrated: no entity is in the unit of work.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    await expectHydrated(em, result);
    return result;
  });
  expect(reads.users).toHaveLength(50);
  expect(reads.users[0]).not.toHaveProperty('passwordHash');
  expect(reads.memberships.map((list) => list.length)).toEqual([5, 10, 50]);

  // Before an organization is chosen (logIn's payload), a user sees their own memberships only.
  await inScopedTransaction(h.orm.em, { userId: member }, async (em) => {
    const own = await new MembershipRepository(em).findVisibleByUsers([member, owner.userId], { userId: member });
    expect(own.map((m) => m.userId)).toEqual([member, member]);
    await expectHydrated(em, { users: [], organizations: [], memberships: [own] });
  });
});

async function expectHydrated(
  em: Parameters<typeof hydratedAsPlain>[0],
  reads: { users: { id: string }[]; organizations: { id: string }[]; memberships: { id: string }[][] },
): Promise<void> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  expect(reads.users).toStrictEqual(await hydratedAsPlain(em, UserEntity, ids(reads.users)));
  expect(reads.organizations).toStrictEqual(await hydratedAsPlain(em, OrganizationEntity, ids(reads.organizations)));
  for (const list of reads.memberships) expect(list).toStrictEqual(await hydratedAsPlain(em, MembershipEntity, ids(list)));
}
