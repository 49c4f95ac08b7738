/**
 * bench/gateway/mock-subgraphs.ts: the four subgraphs as light mocks, for the gateway-bound
 * variant of federated.ts (`BENCH_SUBGRAPHS=mock`). One process, four HTTP servers (one port per
 * subgraph), each serving its subgraph's real schema (`subgraphs/<name>/schema.graphql` through
 * `buildSubgraphSchema`) with resolvers over static in-memory data shaped like `seed.ts`: the
 * gateways plan and resolve the same federated query as against the real subgraphs (root fields,
 * `_entities` with `__resolveReference`, lists of 20 with nested entities), and each subgraph
 * answers in microseconds, so the gateway is the bottleneck.
 *
 * What the mocks do per request: read the body, check the gateway's signed identity (HMAC over
 * timestamp, method, path and body digest, `verifyIdentity`: an unsigned call is refused with 401,
 * so every gateway still has to sign), parse and validate a query once (then cached by its text), execute it with graphql-js,
 * answer JSON with `cache-control: no-store` (what the real subgraphs send for every fetch of the
 * dashboard query: none of them is fully cache-hinted). No database, no Redis, no transaction,
 * no authorization beyond the signature, no @cacheControl policy: this is not a model of the
 * subgraphs' cost, only of their answers. `me` is the caller named by the signed identity.
 *
 * Prints `ready {"core":url,...,"caller":{...}}` (the bench caller is member 0 of the mock data).
 * Run by federated.ts; alone: `npx tsx bench/gateway/mock-subgraphs.ts`.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse, validate, execute, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { IdentityError, verifyIdentity, type Identity } from '@flowgraph/kernel';
import { templatesById } from '@flowgraph/workflow/testing';

const repoRoot = path.join(__dirname, '..', '..');
const secret = process.env.IDENTITY_SECRET ?? '';

// ───────────── data, shaped like seed.ts ─────────────

const MEMBERS = 8;
const WORKFLOWS_PER_OWNER = 4;
const PATTERNS = 10;
const TEMPLATES = ['github-pr-opened-to-slack', 'gitlab-issues-to-teams', 'dropbox-files-to-s3', 'failed-deploy-webhook-to-slack'];
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
/** Deterministic UUID-shaped ids: the same data on every run. */
const uuid = (kind: number, n: number) => `00000000-0000-4000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
const iso = (minutesBefore: number) => new Date(T0 - minutesBefore * 60_000).toISOString();
const cursor = (i: number) => Buffer.from(`i:${i}`).toString('base64url');

interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}
interface Membership {
  id: string;
  userId: string;
  orgId: string;
  role: 'OWNER' | 'ADMIN';
  createdAt: string;
}
interface Version {
  id: string;
  version: number;
  definition: object;
  isLive: boolean;
  createdById: string;
  createdAt: string;
}
interface Workflow {
  id: string;
  name: string;
  description: string;
  tags: string[];
  isActive: boolean;
  concurrencyLimit: number;
  ownerId: string;
  orgId: string;
  versions: Version[];
  createdAt: string;
}
interface Pattern {
  id: string;
  userId: string;
  sequence: { tool: string; eventType: string }[];
  support: number;
  confidence: number;
  suggestionId?: string;
  createdAt: string;
}
interface Suggestion {
  id: string;
  userId: string;
  patternId: string;
  templateId: string;
  title: string;
  createdAt: string;
}

const orgId = uuid(1, 1);
const organization = { id: orgId, name: 'Bench Org', eventRetentionDays: 90, createdAt: iso(200) };
const users: User[] = Array.from({ length: MEMBERS }, (_, i) => ({
  id: uuid(2, i),
  email: `member${i}@bench.test`,
  name: `Member ${i}`,
  createdAt: iso(100 - i),
}));
const usersById = new Map(users.map((u) => [u.id, u]));
// Members oldest first (member 0 is the owner and the bench caller).
const memberships: Membership[] = users.map((u, i) => ({
  id: uuid(3, i),
  userId: u.id,
  orgId,
  role: i === 0 ? 'OWNER' : 'ADMIN',
  createdAt: iso(100 - i),
}));
const caller = { userId: users[0].id, orgId, sessionId: uuid(9, 0) };

// Workflows of the first five members, two versions each (the second saved by the next member); newest first.
const workflows: Workflow[] = [];
for (const [o, owner] of users.slice(0, 5).entries()) {
  for (let w = 0; w < WORKFLOWS_PER_OWNER; w++) {
    const n = o * WORKFLOWS_PER_OWNER + w;
    const editor = users[(o + 1) % MEMBERS];
    const createdAt = iso(50 - n);
    workflows.push({
      id: uuid(4, n),
      name: `Workflow ${owner.id.slice(-4)}-${w}`,
      description: 'bench',
      tags: ['bench', `t${w}`],
      isActive: false,
      concurrencyLimit: 10,
      ownerId: owner.id,
      orgId,
      createdAt,
      versions: [
        {
          id: uuid(5, n * 2 + 1),
          version: 2,
          definition: { steps: [{ id: 'note', type: 'transform', config: { expression: '{ "n": 1 }' } }], edges: [] },
          isLive: false,
          createdById: editor.id,
          createdAt,
        },
        { id: uuid(5, n * 2), version: 1, definition: { steps: [], edges: [] }, isLive: false, createdById: owner.id, createdAt },
      ],
    });
  }
}
workflows.reverse();

const integrations = ['GITHUB', 'SLACK', 'S3']
  .map((provider, i) => ({
    id: uuid(6, i),
    provider,
    displayName: `Bench ${provider}`,
    isActive: true,
    ownerId: caller.userId,
    createdAt: iso(30 - i),
    updatedAt: iso(30 - i),
  }))
  .reverse(); // active first, then newest first

const patterns: Pattern[] = [];
const suggestions = new Map<string, Suggestion>();
for (let p = 0; p < PATTERNS; p++) {
  const pattern: Pattern = {
    id: uuid(7, p),
    userId: caller.userId,
    sequence: [
      { tool: 'github', eventType: 'pr.opened' },
      { tool: ['slack', 'teams', 's3', 'http'][p % 4], eventType: `step.${p}` },
    ],
    support: 50 - p,
    confidence: 0.8,
    createdAt: iso(20),
  };
  if (p % 2 === 0) {
    const suggestion = {
      id: uuid(8, p),
      userId: caller.userId,
      patternId: pattern.id,
      templateId: TEMPLATES[(p / 2) % TEMPLATES.length],
      title: `Suggestion ${p}`,
      createdAt: iso(10),
    };
    suggestions.set(suggestion.id, suggestion);
    pattern.suggestionId = suggestion.id;
  }
  patterns.push(pattern);
}
const patternsById = new Map(patterns.map((p) => [p.id, p]));
const workflowsById = new Map(workflows.map((w) => [w.id, w]));

// ───────────── resolvers ─────────────

interface Context {
  identity: Identity;
}
type Args = { first?: number; after?: string };
const pageInfo = (count: number, total: number) => ({
  hasNextPage: count < total,
  hasPreviousPage: false,
  startCursor: count ? cursor(0) : null,
  endCursor: count ? cursor(count - 1) : null,
});
/** A Relay page of the first `first` items (no `after` support: the bench asks for first pages). */
function connection<T>(items: T[], first = 20) {
  const page = items.slice(0, first);
  return { edges: page.map((node, i) => ({ node, cursor: cursor(i) })), pageInfo: pageInfo(page.length, items.length) };
}
const userRef = (id: string) => ({ __typename: 'User', id });

const resolvers: Record<string, Record<string, Record<string, unknown>>> = {
  core: {
    Query: {
      me: (_: unknown, __: unknown, { identity }: Context) => usersById.get(identity.userId ?? '') ?? null,
      currentOrganization: (_: unknown, __: unknown, { identity }: Context) => (identity.orgId === orgId ? organization : null),
      organization: (_: unknown, { id }: { id: string }) => (id === orgId ? organization : null),
      user: (_: unknown, { id }: { id: string }) => usersById.get(id) ?? null,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => usersById.get(id) ?? null,
      memberships: (user: User) => memberships.filter((m) => m.userId === user.id),
    },
    Organization: {
      __resolveReference: ({ id }: { id: string }) => (id === orgId ? organization : null),
      members: (_: unknown, { first }: Args) => connection(memberships, first),
    },
    Membership: {
      user: (m: Membership) => usersById.get(m.userId),
      organization: () => organization,
    },
  },
  workflow: {
    Query: {
      workflows: (_: unknown, { first }: Args) => connection(workflows, first),
      workflow: (_: unknown, { id }: { id: string }) => workflowsById.get(id) ?? null,
      workflowTemplates: () => [...templatesById.values()],
      workflowTemplate: (_: unknown, { id }: { id: string }) => templatesById.get(id) ?? null,
    },
    Workflow: {
      __resolveReference: ({ id }: { id: string }) => workflowsById.get(id) ?? null,
      owner: (w: Workflow) => userRef(w.ownerId),
      organization: (w: Workflow) => ({ __typename: 'Organization', id: w.orgId }),
      liveVersion: (w: Workflow) => w.versions.find((v) => v.isLive) ?? null,
      latestVersion: (w: Workflow) => w.versions[0],
      versions: (w: Workflow, { first }: Args) => connection(w.versions, first),
      triggers: () => [],
      latestExecution: () => null,
      deletedAt: () => null,
      updatedAt: (w: Workflow) => w.createdAt,
    },
    WorkflowVersion: { createdBy: (v: Version) => userRef(v.createdById) },
    WorkflowTemplate: {
      __resolveReference: ({ id }: { id: string }) => templatesById.get(id) ?? null,
      parameters: (t: { parameters: { name: string }[] }) => t.parameters.map((p) => p.name),
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      workflows: (u: { id: string }, { first }: Args) =>
        connection(
          workflows.filter((w) => w.ownerId === u.id),
          first,
        ),
    },
    Organization: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      workflows: (_: unknown, { first }: Args) => connection(workflows, first),
    },
  },
  integration: {
    Query: { integration: (_: unknown, { id }: { id: string }) => integrations.find((i) => i.id === id) ?? null },
    Integration: {
      __resolveReference: ({ id }: { id: string }) => integrations.find((i) => i.id === id) ?? null,
      owner: (i: { ownerId: string }) => userRef(i.ownerId),
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      integrations: (u: { id: string }) => integrations.filter((i) => i.ownerId === u.id),
    },
  },
  analytics: {
    Query: {
      pattern: (_: unknown, { id }: { id: string }) => patternsById.get(id) ?? null,
      suggestion: (_: unknown, { id }: { id: string }) => suggestions.get(id) ?? null,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      patterns: (u: { id: string }, { first }: Args) =>
        connection(
          patterns.filter((p) => p.userId === u.id),
          first,
        ),
      suggestions: (u: { id: string }, { first }: Args) =>
        connection(
          [...suggestions.values()].filter((s) => s.userId === u.id),
          first,
        ),
    },
    Pattern: {
      __resolveReference: ({ id }: { id: string }) => patternsById.get(id) ?? null,
      active: () => true,
      examples: () => [],
      trend: (p: Pattern) => ({ direction: 'STEADY', lastWeek: p.support, previousWeek: p.support }),
      user: (p: Pattern) => userRef(p.userId),
      suggestion: (p: Pattern) => (p.suggestionId ? suggestions.get(p.suggestionId) : null),
      firstSeenAt: (p: Pattern) => p.createdAt,
      lastSeenAt: (p: Pattern) => p.createdAt,
    },
    Suggestion: {
      __resolveReference: ({ id }: { id: string }) => suggestions.get(id) ?? null,
      status: () => 'OPEN',
      explanation: () => 'seeded',
      pattern: (s: Suggestion) => patternsById.get(s.patternId),
      template: (s: Suggestion) => ({ __typename: 'WorkflowTemplate', id: s.templateId }),
      parameters: () => ({}),
      estimatedMinutesSavedPerWeek: () => 30,
      user: (s: Suggestion) => userRef(s.userId),
      offeredAt: (s: Suggestion) => s.createdAt,
      dismissedAt: () => null,
      acceptedAt: () => null,
      workflow: () => null,
    },
  },
};

// ───────────── servers ─────────────

const NAMES = ['core', 'workflow', 'integration', 'analytics'] as const;

function schemaOf(name: (typeof NAMES)[number]): GraphQLSchema {
  const typeDefs = parse(readFileSync(path.join(repoRoot, 'subgraphs', name, 'schema.graphql'), 'utf8'));
  // The array form: buildSubgraphSchema({ typeDefs, resolvers }) takes a different overload.
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers[name] as never }]);
}

interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

function serve(schema: GraphQLSchema): http.Server {
  /** Parsed and validated documents by query text (the gateways send the same few queries). */
  const documents = new Map<string, DocumentNode | readonly unknown[]>();
  async function run(request: GraphQLRequest, identity: Identity): Promise<unknown> {
    let document = documents.get(request.query);
    if (!document) {
      try {
        const parsed = parse(request.query);
        const errors = validate(schema, parsed);
        document = errors.length ? errors.map((e) => e.toJSON()) : parsed;
      } catch (error) {
        document = [{ message: (error as Error).message }];
      }
      documents.set(request.query, document);
    }
    if (Array.isArray(document)) return { errors: document };
    return execute({
      schema,
      document: document as DocumentNode,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: { identity },
    });
  }
  return http.createServer((req, res) => {
    if (req.method === 'GET')
      return void res
        .writeHead(req.url?.startsWith('/healthz') || req.url?.startsWith('/readyz') ? 200 : 404, { 'content-type': 'application/json' })
        .end('{"status":"ok"}');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      let identity: Identity;
      try {
        identity = verifyIdentity(req.headers, secret, { method: req.method ?? 'POST', target: req.url ?? '/', body: bytes });
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        return void res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"errors":[{"message":"Requests must come through the gateway","extensions":{"code":"UNAUTHENTICATED"}}]}');
      }
      void (async () => {
        try {
          const body = JSON.parse(bytes.toString('utf8')) as GraphQLRequest | GraphQLRequest[];
          const result = Array.isArray(body) ? await Promise.all(body.map((r) => run(r, identity))) : await run(body, identity);
          res
            .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
            .end(JSON.stringify(result));
        } catch (error) {
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
        }
      })();
    });
  });
}

async function main(): Promise<void> {
  if (!secret) throw new Error('IDENTITY_SECRET is not set');
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  for (const name of NAMES) {
    const server = serve(schemaOf(name));
    // Node's default keep-alive timeout (5 s), as the real subgraphs (express on node:http).
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    servers.push(server);
  }
  console.log(`ready ${JSON.stringify({ ...urls, caller })}`);
  process.once('SIGTERM', () => {
    for (const server of servers) server.close();
    for (const server of servers) server.closeAllConnections();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
