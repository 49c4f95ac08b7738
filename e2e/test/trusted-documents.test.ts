import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createRedis, type Redis } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { ManifestError, parseManifest } from '@flowgraph/supergraph';
import { startGateway, type RunningGateway } from '@flowgraph/gateway';
import { type GatewayMetrics, loadManifestStore } from '@flowgraph/gateway/testing';
import { startFederation, type Federation } from '../support/federation-kit';

/** The committed example: the tests run the repository's own manifest. */
const example = JSON.parse(readFileSync(join(__dirname, '../../clients/partner-example/persisted-documents.json'), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};
const op = (name: string) => example.operations.find((o) => o.name === name)!;
const workflowsOp = op('PartnerWorkflows');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const otherBody = 'query OtherViewer {\n  me {\n    id\n    name\n  }\n}';
const laterBody = 'query PartnerViewerName {\n  me {\n    name\n  }\n}';

let dir: string;
let federation: Federation;
let partnerKey: Record<string, string>;
let unboundKey: Record<string, string>;
let owner: Record<string, string>;
const extra: { gateway: RunningGateway; redis: Redis }[] = [];
const lines: { msg: string; [key: string]: unknown }[] = [];

interface Answer {
  status: number;
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function send(url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

async function get(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: response.status, ...((await response.json()) as object) };
}

const rejections = async (metrics: GatewayMetrics, reason: string) =>
  (await metrics.operationRejections.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;

/** Another gateway over the same subgraphs, with other trusted-documents settings and a log we can read. */
async function gatewayWith(mode: 'off' | 'log' | 'enforce'): Promise<RunningGateway> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const redis = createRedis(federation.config.REDIS_URL);
  const gateway = await startGateway(
    { config: { ...federation.config, trustedDocumentsMode: mode }, logger: pino({ level: 'info' }, sink), redis },
    0,
    '127.0.0.1',
  );
  extra.push({ gateway, redis });
  return gateway;
}

let enforcingGateway: Promise<RunningGateway> | undefined;
/** One enforcing gateway with a readable log, shared by the manifest tests. */
const enforcing = () => (enforcingGateway ??= gatewayWith('enforce'));

async function createKey(clientName?: string): Promise<Record<string, string>> {
  const created = await send(
    federation.gateway.url,
    {
      query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { clientName } } }',
      variables: { input: { name: 'partner', scopes: ['workflows:read', 'patterns:read', 'events:write'], clientName } },
    },
    owner,
  );
  expect(created.errors).toBeUndefined();
  expect(created.data!.createApiKey.apiKey.clientName).toBe(clientName ?? null);
  return { 'x-api-key': created.data!.createApiKey.secret };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fg-trusted-'));
  await cp(join(__dirname, '../../clients/partner-example'), join(dir, 'partner-example'), { recursive: true });
  // The graphql-codegen client preset's format, for a second client.
  await mkdir(join(dir, 'other-client'));
  await writeFile(join(dir, 'other-client', 'persisted-documents.json'), JSON.stringify({ [sha256(otherBody)]: otherBody }));
  // A manifest whose id is not its body's hash: refused, without taking the others down.
  await mkdir(join(dir, 'tampered'));
  await writeFile(
    join(dir, 'tampered', 'persisted-documents.json'),
    JSON.stringify({ [sha256(otherBody)]: 'query Tampered { me { email } }' }),
  );
  federation = await startFederation({ TRUSTED_DOCUMENTS_DIR: dir, TRUSTED_DOCUMENTS_MODE: 'enforce', TRUSTED_DOCUMENTS_RELOAD_MS: '100' });
  const signedUp = await send(
    federation.gateway.url,
    {
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      variables: {
        input: { email: `${randomUUID()}@example.com`, password: 'correct horse battery staple', name: 'Td', organizationName: 'Trusted' },
      },
    },
    {},
  );
  owner = { authorization: `Bearer ${signedUp.data!.signUp.accessToken}` };
  expect(
    (
      await send(
        federation.gateway.url,
        { query: 'mutation { createWorkflow(input: { name: "Partner flow" }) { workflow { id } } }' },
        owner,
      )
    ).errors,
  ).toBeUndefined();
  partnerKey = await createKey('partner-example');
  unboundKey = await createKey();
});

afterAll(async () => {
  for (const { gateway, redis } of extra) {
    await gateway.stop();
    redis.disconnect();
  }
  await federation?.stop();
  await rm(dir, { recursive: true, force: true });
});

const expectWorkflows = (answer: Answer) => {
  expect(answer.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.data?.workflows.edges).toEqual([
    {
      node: {
        id: expect.any(String),
        name: 'Partner flow',
        isActive: false,
        owner: { id: expect.any(String), email: expect.stringContaining('@example.com') },
      },
    },
  ]);
};

describe('a key bound to partner-example, in enforce mode', () => {
  it('runs a manifest operation by documentId over POST, with or without the sha256: prefix', async () => {
    expectWorkflows(await send(federation.gateway.url, { documentId: `sha256:${workflowsOp.id}`, variables: { first: 5 } }, partnerKey));
    expectWorkflows(await send(federation.gateway.url, { documentId: workflowsOp.id }, partnerKey));
  });

  it('runs it by documentId over GET, which CSRF prevention still guards', async () => {
    expectWorkflows(
      await get(
        federation.gateway.url,
        { documentId: `sha256:${workflowsOp.id}`, operationName: 'PartnerWorkflows', variables: { first: 5 } },
        partnerKey,
      ),
    );
    const simple = await fetch(`${federation.gateway.url}?documentId=${workflowsOp.id}`, { headers: partnerKey });
    expect(simple.status).toBe(400);
  });

  it('runs it by APQ hash without any registration, and writes nothing to the APQ store', async () => {
    expectWorkflows(
      await send(federation.gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: workflowsOp.id } } }, partnerKey),
    );
    expect(await federation.redis.get(`${federation.config.REDIS_PREFIX}:apq:${workflowsOp.id}`)).toBeNull();
  });

  it('refuses a mutation from the manifest over GET', async () => {
    const answer = await get(federation.gateway.url, { documentId: op('PartnerIngestEvents').id, variables: { events: [] } }, partnerKey);
    expect(answer.status).toBe(405);
  });

  it('refuses the same operation sent as query text, and counts it', async () => {
    const before = await rejections(federation.gateway.metrics, 'untrusted_document');
    const answer = await send(federation.gateway.url, { query: workflowsOp.body }, partnerKey);
    expect(answer.status).toBe(403);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      {
        message: expect.stringContaining('sent by id'),
        extensions: { code: 'FORBIDDEN', reason: 'PERSISTED_DOCUMENT_REQUIRED', request_id: expect.any(String) },
      },
    ]);
    expect(await rejections(federation.gateway.metrics, 'untrusted_document')).toBe(before + 1);
  });

  it('refuses an id from another client’s manifest, and a hash registered by APQ', async () => {
    for (const id of [sha256(otherBody), `sha256:${sha256(otherBody)}`]) {
      const answer = await send(federation.gateway.url, { documentId: id }, partnerKey);
      expect(answer.status).toBe(403);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_TRUSTED' });
    }
    const apq = 'query { me { email } }';
    const registered = await send(
      federation.gateway.url,
      { query: apq, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(apq) } } },
      owner,
    );
    expect(registered.errors).toBeUndefined();
    await until(() => federation.redis.get(`${federation.config.REDIS_PREFIX}:apq:${sha256(apq)}`), 5_000, 'the APQ registration');
    const byHash = await send(
      federation.gateway.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(apq) } } },
      partnerKey,
    );
    expect(byHash.status).toBe(403);
    expect(byHash.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_TRUSTED' });
  });

  it('answers an id that no manifest holds 404 PERSISTED_DOCUMENT_NOT_FOUND, as it answers a browser user', async () => {
    const unknown = sha256('query Nope { me { id } }');
    for (const [gateway, caller] of [
      [federation.gateway, partnerKey],
      [await gatewayWith('log'), partnerKey],
      [federation.gateway, owner],
    ] as const) {
      const answer = await send(gateway.url, { documentId: `sha256:${unknown}` }, caller);
      expect(answer.status).toBe(404);
      expect(answer.errors).toEqual([
        {
          message: `No persisted operation has id ${unknown}`,
          extensions: { code: 'NOT_FOUND', reason: 'PERSISTED_DOCUMENT_NOT_FOUND', request_id: expect.any(String) },
        },
      ]);
    }
  });

  it('refuses query text that is not the text of the id sent with it, with the same 400 for every caller', async () => {
    const other = '{ me { email } }';
    const requests = [
      { documentId: `sha256:${workflowsOp.id}`, query: other },
      { query: other, extensions: { persistedQuery: { version: 1, sha256Hash: workflowsOp.id } } },
    ];
    for (const caller of [partnerKey, unboundKey, owner]) {
      for (const request of requests) {
        const answer = await send(federation.gateway.url, request, caller);
        expect(answer.status).toBe(400);
        expect(answer.data).toBeUndefined();
        expect(answer.errors).toEqual([
          {
            message: expect.stringMatching(/is not the sha256 of the query sent with it$/),
            extensions: { code: 'VALIDATION_ERROR', reason: 'PERSISTED_QUERY_HASH_MISMATCH', request_id: expect.any(String) },
          },
        ]);
      }
    }
    // The id's own text alongside it is no contradiction.
    expectWorkflows(await send(federation.gateway.url, { documentId: `sha256:${workflowsOp.id}`, query: workflowsOp.body }, partnerKey));
  });

  it('refuses a malformed documentId', async () => {
    const answer = await send(federation.gateway.url, { documentId: 'md5:abc' }, partnerKey);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', reason: 'INVALID_DOCUMENT_ID' });
  });
});

describe('callers not bound to a client', () => {
  it('run query text as before: a browser (JWT) user and an unbound key', async () => {
    expectWorkflows(await send(federation.gateway.url, { query: workflowsOp.body }, owner));
    expectWorkflows(await send(federation.gateway.url, { query: workflowsOp.body }, unboundKey));
  });

  it('may run any client’s document by id; an unknown id is NOT_FOUND', async () => {
    const other = await send(federation.gateway.url, { documentId: `sha256:${sha256(otherBody)}` }, owner);
    expect(other.errors).toBeUndefined();
    expect(other.data?.me).toEqual({ id: expect.any(String), name: 'Td' });
    const unknown = await send(federation.gateway.url, { documentId: sha256('query Nope { me { id } }') }, owner);
    expect(unknown.status).toBe(404);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PERSISTED_DOCUMENT_NOT_FOUND' });
  });
});

describe('modes', () => {
  it('log mode runs an untrusted operation, with a warning naming client, operation and hash, and counts it', async () => {
    const gateway = await gatewayWith('log');
    const answer = await send(gateway.url, { query: workflowsOp.body, operationName: 'PartnerWorkflows' }, partnerKey);
    expectWorkflows(answer);
    expect(await rejections(gateway.metrics, 'untrusted_document_logged')).toBe(1);
    expect(await rejections(gateway.metrics, 'untrusted_document')).toBe(0);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        client: 'partner-example',
        operation: 'PartnerWorkflows',
        hash: sha256(workflowsOp.body),
        reason: 'PERSISTED_DOCUMENT_REQUIRED',
      }),
    );
  });

  it('off mode lets a bound key run anything, without counting', async () => {
    const gateway = await gatewayWith('off');
    expectWorkflows(await send(gateway.url, { query: workflowsOp.body }, partnerKey));
    expect(await rejections(gateway.metrics, 'untrusted_document_logged')).toBe(0);
    expect(await rejections(gateway.metrics, 'untrusted_document')).toBe(0);
  });
});

describe('manifests', () => {
  it('load in both formats; one whose id is not its body’s hash is refused', () => {
    expect(parseManifest(example).size).toBe(example.operations.length);
    expect(parseManifest({ [sha256(otherBody)]: otherBody }).get(sha256(otherBody))).toMatchObject({ name: 'OtherViewer', type: 'query' });
    expect(() => parseManifest({ [sha256(otherBody)]: 'query Tampered { me { email } }' })).toThrow(ManifestError);
    expect(() =>
      parseManifest({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ ...example.operations[0], id: sha256('x') }] }),
    ).toThrow(/is not the sha256 of its body/);
  });

  it('picks up a new manifest version while running, and keeps it when the file then breaks', async () => {
    const gateway = await enforcing();
    const file = join(dir, 'partner-example', 'persisted-documents.json');
    const original = await readFile(file, 'utf8');
    const manifest = JSON.parse(original) as typeof example;
    manifest.operations.push({
      id: sha256(laterBody),
      name: 'PartnerViewerName',
      type: 'query',
      body: laterBody,
    } as (typeof manifest.operations)[number]);
    const refusedBefore = await send(gateway.url, { documentId: sha256(laterBody) }, partnerKey);
    expect(refusedBefore.status).toBe(404);
    await writeFile(file, JSON.stringify(manifest));
    const accepted = await until(
      async () => {
        const answer = await send(gateway.url, { documentId: sha256(laterBody) }, partnerKey);
        return answer.status === 200 ? answer : undefined;
      },
      5_000,
      'the new manifest version',
    );
    expect(accepted.data?.me).toEqual({ name: 'Td' });

    const refusals = () => lines.filter((l) => l.client === 'partner-example' && /refused/.test(l.msg)).length;
    const before = refusals();
    await writeFile(file, '{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [');
    await until(() => refusals() > before, 5_000, 'the broken manifest to be read');
    expect((await send(gateway.url, { documentId: sha256(laterBody) }, partnerKey)).data?.me).toEqual({ name: 'Td' });
    expectWorkflows(await send(gateway.url, { documentId: workflowsOp.id }, partnerKey));
    await writeFile(file, original);
  });

  it('keeps serving the other clients while one manifest is refused', async () => {
    const gateway = await enforcing();
    expect(lines).toContainEqual(
      expect.objectContaining({
        client: 'tampered',
        msg: 'trusted documents manifest refused',
        reason: expect.stringContaining('is not the sha256 of its body'),
      }),
    );
    const other = await send(gateway.url, { documentId: sha256(otherBody) }, owner);
    expect(other.data?.me).toEqual({ id: expect.any(String), name: 'Td' });
    expectWorkflows(await send(gateway.url, { documentId: workflowsOp.id }, partnerKey));
    const tampered = await send(gateway.url, { documentId: sha256(otherBody) }, await createKey('tampered'));
    expect(tampered.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_TRUSTED' });
  });
});

it('follows a Kubernetes ConfigMap update, which swaps a symlinked folder', async () => {
  // A ConfigMap volume: <dir>/..data -> ..<timestamp>/, and <dir>/<client> -> ..data/<client>.
  const mount = await mkdtemp(join(tmpdir(), 'fg-configmap-'));
  const version = async (name: string, body: string) => {
    await mkdir(join(mount, name, 'partner-example'), { recursive: true });
    await writeFile(join(mount, name, 'partner-example', 'persisted-documents.json'), JSON.stringify({ [sha256(body)]: body }));
  };
  await version('..v1', otherBody);
  await symlink('..v1', join(mount, '..data'));
  await symlink(join('..data', 'partner-example'), join(mount, 'partner-example'));
  const store = await loadManifestStore({ dir: mount, reloadIntervalMs: 50, logger: pino({ level: 'silent' }) });
  try {
    expect(store.forClient('partner-example')?.has(sha256(otherBody))).toBe(true);
    await version('..v2', laterBody);
    await symlink('..v2', join(mount, '..data_tmp'));
    await rename(join(mount, '..data_tmp'), join(mount, '..data')); // the kubelet's atomic swap
    await until(() => store.forClient('partner-example')?.has(sha256(laterBody)), 5_000, 'the swapped ConfigMap');
    expect(store.forClient('partner-example')?.has(sha256(otherBody))).toBe(false);
    expect(store.clients()).toEqual(['partner-example']);
  } finally {
    store.close();
    await rm(mount, { recursive: true, force: true });
  }
});
