/**
 * deleteOrganization and what deleteMyAccount does with organizations: the only owner of an
 * organization others belong to is refused, naming it; its owner deleting it erases its rows in
 * every subgraph (what remains: its audit trail and the request), its members' access there ends.
 */
import { post } from '../support/federation-kit';
import { until } from '@flowgraph/kernel/testing';
import {
  call,
  scanDatabase,
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

it('refuses to delete the account of the only owner of an organization with other members, naming it', async () => {
  const { colleague } = person;
  const refused = await post(
    platform.gateway.url,
    'mutation($email: String!) { deleteMyAccount(confirmEmail: $email) { request { id } } }',
    { email: colleague.email },
    colleague.headers,
  );
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(refused.errors?.[0]?.message).toContain(`"${colleague.organizationName}"`);
  const mistyped = await post(
    platform.gateway.url,
    'mutation { deleteMyAccount(confirmEmail: "someone@example.com") { request { id } } }',
    {},
    colleague.headers,
  );
  expect(mistyped.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  expect(await platform.owner('select id from core.data_subject_requests')).toEqual([]);
});

it("erases an organization's data in every subgraph when its owner deletes it", async () => {
  const { colleague } = person;
  const orgId = colleague.orgId;
  const wrongName = await post(
    platform.gateway.url,
    'mutation { deleteOrganization(confirmName: "Not it") { request { id } } }',
    {},
    colleague.headers,
  );
  expect(wrongName.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  const apiKey = (
    await call<{ createApiKey: { secret: string } }>(
      platform,
      colleague.headers,
      'mutation { createApiKey(input: { name: "deploy", scopes: ["workflows:read"] }) { secret } }',
    )
  ).createApiKey.secret;
  // Verified once, so the gateway holds the key in its cache.
  expect((await post(platform.gateway.url, '{ currentOrganization { id } }', {}, { 'x-api-key': apiKey })).status).toBe(200);
  const asked = await call<{ deleteOrganization: { request: { id: string; kind: string } } }>(
    platform,
    colleague.headers,
    'mutation($name: String!) { deleteOrganization(confirmName: $name) { request { id kind } } }',
    { name: colleague.organizationName },
  );
  expect(asked.deleteOrganization.request.kind).toBe('ORGANIZATION_ERASURE');
  // The owner's session and the organization's API keys end at once (the gateway's cache is told).
  expect((await post(platform.gateway.url, '{ me { id } }', {}, colleague.headers)).status).toBe(401);
  expect((await post(platform.gateway.url, '{ currentOrganization { id } }', {}, { 'x-api-key': apiKey })).status).toBe(401);
  await until(
    async () =>
      (
        await platform.owner<{ status: string }>('select status from core.data_subject_requests where id = $1', [
          asked.deleteOrganization.request.id,
        ])
      )[0].status === 'completed',
    60_000,
    'the organization erasure',
  );
  const remaining = await scanDatabase(platform, [orgId]);
  // Its audit trail outlives it (append-only, purged by retention; entries still in an outbox are on their way to
  // it), and so does the request that erased it.
  const trail = /^(core\.(audit_log|data_subject_requests)|\w+\.audit_outbox)\./;
  expect(remaining.filter((f) => !trail.test(f))).toEqual([]);
  expect(await platform.owner('select id from workflow.workflows where id = $1', [person.sharedWorkflowId])).toEqual([]);
  // The people live on: the member's own organization and data are untouched.
  expect(await platform.owner('select id from core.users where id in ($1, $2)', [colleague.userId, person.user.userId])).toHaveLength(2);
  expect(await platform.owner('select id from workflow.workflows where id = $1', [person.workflowId])).toHaveLength(1);
});
