import {
  ACCESS_TOKEN_TTL_SECONDS,
  NO_ROLE,
  accessChangedChannel,
  grantedRoleKey,
  type AccessChangedMessage,
  type Redis,
} from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { addMember, codeOf, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

/** What Core tells the gateway when access ends or changes (the gateway side: gateway/test/access-revocation.test.ts). */
let h: CoreHarness;
let owner: Account;
let subscriber: Redis;
const announced: AccessChangedMessage[] = [];

beforeAll(async () => {
  h = await startCoreHarness('core_access_revocation');
  owner = await signUp(h);
  subscriber = h.redis.duplicate();
  subscriber.on('message', (_channel: string, raw: string) => announced.push(JSON.parse(raw) as AccessChangedMessage));
  await subscriber.subscribe(accessChangedChannel(h.config.REDIS_PREFIX));
});

afterAll(async () => {
  subscriber.disconnect();
  await h.close();
});

const grantedRole = async (userId: string) => {
  const key = grantedRoleKey(h.config.REDIS_PREFIX, owner.orgId, userId);
  return { role: await h.redis.get(key), ttl: await h.redis.ttl(key) };
};

it('records a changed role, then a removal, for as long as a token issued before could live, and announces each', async () => {
  const account = await signUp(h);
  const { membershipId } = await addMember(h, owner, account, 'member');
  const changed = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { membership { id } } }',
    { id: membershipId },
    owner.identity,
  );
  expect(changed.errors).toBeUndefined();
  const afterChange = await grantedRole(account.userId);
  expect(afterChange.role).toBe('viewer');
  expect(afterChange.ttl).toBeGreaterThan(ACCESS_TOKEN_TTL_SECONDS - 60);
  expect(afterChange.ttl).toBeLessThanOrEqual(ACCESS_TOKEN_TTL_SECONDS);
  await until(() => announced.some((m) => m.userId === account.userId && m.orgId === owner.orgId), 5_000, 'the role change announced');

  announced.length = 0;
  const removed = await h.call(
    'mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }',
    { id: membershipId },
    owner.identity,
  );
  expect(removed.errors).toBeUndefined();
  expect((await grantedRole(account.userId)).role).toBe(NO_ROLE);
  await until(() => announced.some((m) => m.userId === account.userId && m.orgId === owner.orgId), 5_000, 'the removal announced');
});

it('records the role of a member added back, so their new tokens are not refused', async () => {
  const account = await signUp(h);
  const { membershipId } = await addMember(h, owner, account, 'admin');
  await h.call('mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }', { id: membershipId }, owner.identity);
  expect((await grantedRole(account.userId)).role).toBe(NO_ROLE);
  await addMember(h, owner, account, 'member');
  expect((await grantedRole(account.userId)).role).toBe('member');
});

it('records and announces nothing for a change that is refused', async () => {
  const ownerMembership = await h.owner<{ id: string }>(`select id from core.memberships where org_id = $1 and user_id = $2`, [
    owner.orgId,
    owner.userId,
  ]);
  announced.length = 0;
  const demoted = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: ADMIN) { membership { id } } }',
    { id: ownerMembership[0].id },
    owner.identity,
  );
  expect(codeOf(demoted)).toBe('CONFLICT'); // the last owner
  expect(await grantedRole(owner.userId)).toEqual({ role: null, ttl: -2 });
  // A later announcement (a logout) shows the channel works and that none came for the refused change.
  const other = await signUp(h);
  await h.call('mutation { logOut { revoked } }', {}, other.identity);
  await until(() => announced.length > 0, 5_000, 'the logout announced');
  expect(announced).toEqual([{ userId: other.userId }]);
});
