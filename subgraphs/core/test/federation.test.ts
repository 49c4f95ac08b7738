import { randomUUID } from 'node:crypto';
import { statementCounter } from '@flowgraph/kernel/testing';
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
