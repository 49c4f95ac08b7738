import { AUTH_FIELDS, addMember, codeOf, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCoreHarness('core_last_org');
});
afterAll(() => h.close());

const logIn = async (account: Account, organizationId?: string) => {
  const response = await h.call(`mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`, {
    input: { email: account.email, password: account.password, organizationId },
  });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.logIn as { organization: { id: string }; role: string; refreshToken: string; accessToken: string };
};
const switchTo = (identity: object, organizationId: string) =>
  h.call('mutation($id: ID!) { switchOrganization(organizationId: $id) { organization { id } } }', { id: organizationId }, identity);

it('logs in to the organization the user acted in last, not the oldest', async () => {
  const account = await signUp(h);
  const other = await signUp(h);
  // Accepting the invitation moves the account's session into the other organization.
  const { identity } = await addMember(h, other, account, 'member');
  expect(await logIn(account)).toMatchObject({ organization: { id: other.orgId }, role: 'MEMBER' });

  const switched = await switchTo(identity, account.orgId);
  expect(switched.errors).toBeUndefined();
  expect((await logIn(account)).organization.id).toBe(account.orgId);
  // An explicit organization still wins, and becomes the last used.
  expect((await logIn(account, other.orgId)).organization.id).toBe(other.orgId);
  expect((await logIn(account)).organization.id).toBe(other.orgId);
});

it('counts a token refresh as use of its organization', async () => {
  const account = await signUp(h);
  const other = await signUp(h);
  await addMember(h, other, account, 'viewer');
  // One device acts in the other organization; another logs in to the account's own; then the first refreshes.
  const away = await logIn(account, other.orgId);
  await logIn(account, account.orgId);
  const refreshed = await h.call('mutation($t: String!) { refreshSession(refreshToken: $t) { organization { id } } }', {
    t: away.refreshToken,
  });
  expect(refreshed.data?.refreshSession.organization.id).toBe(other.orgId);
  expect((await logIn(account)).organization.id).toBe(other.orgId);
});

it('falls back to the oldest membership when the last-used one is gone', async () => {
  const account = await signUp(h);
  const other = await signUp(h);
  const { membershipId } = await addMember(h, other, account, 'member');
  expect((await logIn(account)).organization.id).toBe(other.orgId);
  const removed = await h.call(
    'mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }',
    { id: membershipId },
    other.identity,
  );
  expect(removed.errors).toBeUndefined();
  expect((await logIn(account)).organization.id).toBe(account.orgId);
  expect(
    codeOf(
      await h.call(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, {
        input: { email: account.email, password: account.password, organizationId: other.orgId },
      }),
    ),
  ).toBe('FORBIDDEN');
});
