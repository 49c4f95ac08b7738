/**
 * deleteMyAccount, end to end: a person with data in every subgraph, in Redis (queues, streams,
 * caches, markers) and in a colleague's organization asks to be erased; their sessions and API
 * key stop working at once; once the job is done, no column of any table of any schema and no
 * Redis key under the platform's prefix holds their id or email (both found from the catalog and
 * by SCAN, not from a list), while their audit trail remains under a pseudonym.
 */
import { until } from '@flowgraph/kernel/testing';
import { post } from '../support/federation-kit';
import {
  call,
  scanDatabase,
  scanRedis,
  seedPerson,
  startDataSubjectPlatform,
  type DataSubjectPlatform,
  type SeededPerson,
} from '../support/data-subject-kit';

jest.setTimeout(120_000);

let platform: DataSubjectPlatform;
let person: SeededPerson;

beforeAll(async () => {
  platform = await startDataSubjectPlatform();
  person = await seedPerson(platform);
});

afterAll(async () => {
  await platform?.stop();
});

const requestStatus = async (id: string) =>
  (
    await platform.owner<{ status: string; error: string | null }>(`select status, error from core.data_subject_requests where id = $1`, [
      id,
    ])
  )[0];

it('erases the person everywhere but an anonymised audit trail', async () => {
  const { user } = person;
  const needles = [user.userId, user.email];
  // The data is really there before: the scan finds it in every subgraph's schema and in Redis.
  await until(async () => (await platform.redis.xlen(`${platform.config.REDIS_PREFIX}:events`)) > 0, 10_000, 'the event relay');
  const before = await scanDatabase(platform, needles);
  for (const schema of ['core.', 'workflow.', 'integration.', 'analytics.']) expect(before.some((f) => f.startsWith(schema))).toBe(true);
  expect((await scanRedis(platform.redis, platform.config.REDIS_PREFIX, needles)).findings.length).toBeGreaterThan(0);

  const erased = await call<{ deleteMyAccount: { request: { id: string; status: string } } }>(
    platform,
    user.headers,
    'mutation($email: String!) { deleteMyAccount(confirmEmail: $email) { request { id status } } }',
    { email: user.email },
  );
  // Access ends at once, before the job: the session's token and the API key are refused.
  expect((await post(platform.gateway.url, '{ me { id } }', {}, user.headers)).status).toBe(401);
  expect((await post(platform.gateway.url, '{ me { id } }', {}, { 'x-api-key': person.apiKey })).status).toBe(401);

  const requestId = erased.deleteMyAccount.request.id;
  const done = await until(
    async () => {
      const status = await requestStatus(requestId);
      return status.status === 'completed' ? status : status.status === 'failed' ? status : null;
    },
    60_000,
    'the erasure job',
  );
  expect(done).toEqual({ status: 'completed', error: null });

  expect(await scanDatabase(platform, needles)).toEqual([]);
  const redis = await scanRedis(platform.redis, platform.config.REDIS_PREFIX, needles);
  expect(redis.keys).toBeGreaterThan(0);
  expect(redis.findings).toEqual([]);

  // What remains: the audit trail under the pseudonym, and the colleague's organization with the workflow the person wrote there.
  const [request] = await platform.owner<{ pseudonym: string }>(`select pseudonym from core.data_subject_requests where id = $1`, [
    requestId,
  ]);
  const trail = await platform.owner<{ action: string }>(`select action from core.audit_log where actor_id = $1`, [request.pseudonym]);
  expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['data_subject.erasure_requested', 'data_subject.erasure_completed']));
  const shared = await call<{ workflow: { id: string; name: string } | null }>(
    platform,
    person.colleague.headers,
    'query($id: ID!) { workflow(id: $id) { id name } }',
    { id: person.sharedWorkflowId },
  );
  expect(shared.workflow).toEqual({ id: person.sharedWorkflowId, name: 'Team report' });
  // The organization they were alone in is gone with them.
  expect(await platform.owner(`select id from core.organizations where id = $1`, [user.orgId])).toEqual([]);
});
