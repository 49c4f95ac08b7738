import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@flowgraph/kernel/testing';
import { post } from '../support/federation-kit';
import {
  Rows,
  collect,
  publishSuggestion,
  subscribersOf,
  suggestionChannel,
  wsClient,
  type TestUser,
  startLiveFederation,
  type LiveFederation,
} from '../support/live-kit';

/** Trusted documents apply to subscriptions as to HTTP: a key bound to a client subscribes only by id from its manifest. */
const BODY = 'subscription PartnerOffers { suggestionAdded { id title } }';
const ID = createHash('sha256').update(BODY).digest('hex');

let dir: string;
let federation: LiveFederation;
let rows: Rows;
let owner: TestUser;
let partnerKey: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fg-live-trusted-'));
  await mkdir(join(dir, 'live-partner'));
  await writeFile(join(dir, 'live-partner', 'persisted-documents.json'), JSON.stringify({ [ID]: BODY }));
  federation = await startLiveFederation({ TRUSTED_DOCUMENTS_DIR: dir, TRUSTED_DOCUMENTS_MODE: 'enforce' });
  ({ rows, user: owner } = federation);
  const created = await post<{ createApiKey: { secret: string } }>(
    federation.gateway.url,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name: 'live partner', scopes: ['suggestions:read'], clientName: 'live-partner' } },
    owner.headers,
  );
  expect(created.errors).toBeUndefined();
  partnerKey = { 'x-api-key': created.data!.createApiKey.secret };
});

afterAll(async () => {
  await federation.stop();
  await rm(dir, { recursive: true, force: true });
});

it('refuses query text from a client-bound key with FORBIDDEN, and runs its manifest operation by id', async () => {
  const client = wsClient(federation.gateway.url, partnerKey);
  const byText = await collect(client, BODY).ended;
  expect(byText.error).toEqual([
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'PERSISTED_DOCUMENT_REQUIRED', request_id: expect.any(String) }),
    }),
  ]);

  const received: unknown[] = [];
  client.subscribe({ query: '', documentId: `sha256:${ID}` } as never, {
    next: (r) => received.push(r),
    error: (e) => received.push({ failed: e }),
    complete: () => undefined,
  });
  await until(
    async () => (await subscribersOf(federation, suggestionChannel(federation, owner))) === 1,
    10_000,
    'the upstream subscription',
  );
  const id = await rows.suggestion(owner);
  await publishSuggestion(federation, owner, id);
  await until(() => received.length > 0);
  expect(received[0]).toEqual({ data: { suggestionAdded: { id, title: 'Post to Slack when a PR is opened' } } });
  await client.dispose();
});
