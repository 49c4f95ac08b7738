import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, inScopedTransaction, loadConfig, type RunningServer } from '@flowgraph/kernel';
import { createTestDatabase, hydratedAsPlain, postGraphQL, statementCounter, type TestDatabase } from '@flowgraph/kernel/testing';
import { entities } from '../src/entities';
import { PatternEntity, type Pattern, type PatternStep } from '../src/modules/patterns/pattern.entity';
import { PatternRepository } from '../src/modules/patterns/pattern.repository';
import { SuggestionEntity } from '../src/modules/suggestions/suggestion.entity';
import { SuggestionRepository } from '../src/modules/suggestions/suggestion.repository';
import { startAnalyticsServer } from '../src/server';

const secret = loadConfig().IDENTITY_SECRET;
let db: TestDatabase;
let orm: MikroORM;
let server: RunningServer;

const orgA = randomUUID();
const orgB = randomUUID();
const viewer = { userId: randomUUID(), orgId: orgA, role: 'viewer' as const };
const sequence: PatternStep[] = [
  { tool: 'github', eventType: 'pr.opened' },
  { tool: 'slack', eventType: 'message.posted' },
];

type PatternExtras = Partial<Pick<Pattern, 'active' | 'examples' | 'supportLastWeek' | 'supportPreviousWeek'>>;

/** Patterns are written by the miner; tests insert them as the app role, under RLS. */
async function insertPattern(orgId: string, userId: string, support: number, extras: PatternExtras = {}): Promise<string> {
  const id = randomUUID();
  await inScopedTransaction(orm.em, { orgId }, async (em) => {
    const seen = new Date('2026-01-01T00:00:00Z');
    // The sequence differs per support: a user has one row per sequence.
    em.create(PatternEntity, {
      id,
      orgId,
      userId,
      sequence: [...sequence, { tool: 's3', eventType: `object.${support}` }],
      support,
      confidence: 0.75,
      firstSeenAt: seen,
      lastSeenAt: seen,
      createdAt: seen,
      ...extras,
    });
    await em.flush();
  });
  return id;
}

interface PatternPage {
  edges: { node: { id: string; support: number } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const userPatterns = (userIds: string[], identity: object, first = 10, after?: string) =>
  postGraphQL<{ _entities: { id: string; patterns: PatternPage }[] }>(
    server.url,
    `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on User { id patterns(first: $first, after: $after) { edges { node { id support } } pageInfo { hasNextPage endCursor } } } } }`,
    { reps: userIds.map((id) => ({ __typename: 'User', id })), first, after },
    { identity, secret },
  );

let ids: Record<number, string>;

beforeAll(async () => {
  db = await createTestDatabase('an');
  orm = await createOrm({ url: db.appUrl, entities });
  server = await startAnalyticsServer({
    orm,
    logger: createLogger('analytics', process.env.TEST_LOG ?? 'silent'),
    identitySecret: secret,
    modules: { suggestions: {}, reporting: {} },
  });
  ids = {};
  const examples = [
    { startedAt: '2026-01-09T10:00:00.000Z', endedAt: '2026-01-09T10:20:00.000Z', eventCount: 4 },
    { startedAt: '2026-01-02T08:00:00.000Z', endedAt: '2026-01-02T08:05:00.000Z', eventCount: 2 },
  ];
  for (const support of [3, 12, 7])
    ids[support] = await insertPattern(
      orgA,
      viewer.userId,
      support,
      support === 7 ? { examples, supportLastWeek: 5, supportPreviousWeek: 2 } : {},
    );
  // No longer found by the latest mining: kept, but listed on neither the first page nor a later one.
  ids[50] = await insertPattern(orgA, viewer.userId, 50, { active: false });
  ids[1] = await insertPattern(orgA, viewer.userId, 1, { active: false });
  await insertPattern(orgB, viewer.userId, 99);
});

afterAll(async () => {
  await server.stop();
  await orm.close(true);
  await db.drop();
});

it('rejects a request without the gateway signature', async () => {
  const response = await postGraphQL(server.url, '{ __typename }', {}, { secret: null });
  expect(response.status).toBe(401);
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('lists a user’s active patterns of the caller’s organization by support, most first', async () => {
  const response = await userPatterns([viewer.userId], viewer);
  expect(response.errors).toBeUndefined();
  expect(response.data?._entities[0].patterns.edges.map((e) => e.node.support)).toEqual([12, 7, 3]);
});

it('pages with an opaque keyset cursor and refuses a tampered one', async () => {
  const first = await userPatterns([viewer.userId], viewer, 2);
  const page = first.data!._entities[0].patterns;
  expect(page.pageInfo.hasNextPage).toBe(true);
  const next = await userPatterns([viewer.userId], viewer, 2, page.pageInfo.endCursor!);
  expect(next.data?._entities[0].patterns.edges.map((e) => e.node.support)).toEqual([3]);
  expect(next.data?._entities[0].patterns.pageInfo.hasNextPage).toBe(false);
  const tampered = await userPatterns([viewer.userId], viewer, 2, Buffer.from('["x","y"]').toString('base64url'));
  expect(tampered.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'after' }] });
});

it('resolves Query.pattern with its sequence, only in the caller’s organization', async () => {
  const query = 'query($id: ID!) { pattern(id: $id) { support confidence sequence { tool eventType } user { id } } }';
  const own = await postGraphQL<{ pattern: unknown }>(server.url, query, { id: ids[7] }, { identity: viewer, secret });
  expect(own.errors).toBeUndefined();
  expect(own.data?.pattern).toEqual({
    support: 7,
    confidence: 0.75,
    sequence: [...sequence, { tool: 's3', eventType: 'object.7' }],
    user: { id: viewer.userId },
  });
  const other = await postGraphQL<{ pattern: unknown }>(
    server.url,
    query,
    { id: ids[7] },
    { identity: { ...viewer, orgId: orgB }, secret },
  );
  expect(other.data?.pattern).toBeNull();
});

it('resolves a pattern’s examples, trend and whether the latest mining still finds it', async () => {
  const query =
    'query($id: ID!) { pattern(id: $id) { active examples { startedAt endedAt eventCount } trend { direction lastWeek previousWeek } } }';
  const found = await postGraphQL<{ pattern: unknown }>(server.url, query, { id: ids[7] }, { identity: viewer, secret });
  expect(found.errors).toBeUndefined();
  expect(found.data?.pattern).toEqual({
    active: true,
    examples: [
      { startedAt: '2026-01-09T10:00:00.000Z', endedAt: '2026-01-09T10:20:00.000Z', eventCount: 4 },
      { startedAt: '2026-01-02T08:00:00.000Z', endedAt: '2026-01-02T08:05:00.000Z', eventCount: 2 },
    ],
    trend: { direction: 'RISING', lastWeek: 5, previousWeek: 2 },
  });
  const gone = await postGraphQL<{ pattern: unknown }>(server.url, query, { id: ids[50] }, { identity: viewer, secret });
  expect(gone.data?.pattern).toEqual({ active: false, examples: [], trend: { direction: 'STEADY', lastWeek: 0, previousWeek: 0 } });
});

it('refuses an anonymous caller and an API key without patterns:read', async () => {
  const anonymous = await userPatterns([viewer.userId], {});
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const key = await userPatterns([viewer.userId], { ...viewer, authMethod: 'api_key', scopes: ['workflows:read'] });
  expect(key.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('never shows another organization’s patterns', async () => {
  const response = await userPatterns([viewer.userId], { userId: randomUUID(), orgId: orgB, role: 'owner' });
  expect(response.data?._entities[0].patterns.edges.map((e) => e.node.support)).toEqual([99]);
  const stranger = await userPatterns([viewer.userId], { userId: randomUUID(), orgId: randomUUID(), role: 'owner' });
  expect(stranger.data?._entities[0].patterns.edges).toEqual([]);
});

it('loads patterns of 1 and of 50 users with the same number of statements', async () => {
  const counter = statementCounter(orm);
  await userPatterns([viewer.userId], viewer);
  const forOne = counter.count();
  expect(forOne).toBeGreaterThan(0);
  counter.reset();
  const many = await userPatterns([viewer.userId, ...Array.from({ length: 49 }, () => randomUUID())], viewer);
  expect(counter.count()).toBe(forOne);
  expect(many.data?._entities[0].patterns.edges).toHaveLength(3);
});

it('reads patterns and suggestions for the API as plain objects equal to the hydrated entities', async () => {
  const scope = { orgId: orgA, userId: viewer.userId };
  const offered = new Date('2026-01-10T09:00:00.123Z');
  await inScopedTransaction(orm.em, scope, async (em) => {
    const suggestion = (patternId: string, minutesLater: number, extra: object = {}) =>
      em.create(SuggestionEntity, {
        id: randomUUID(),
        orgId: orgA,
        userId: viewer.userId,
        patternId,
        templateId: 'pr-to-slack',
        status: 'open',
        title: 'Tell Slack about pull requests',
        explanation: 'You often do this by hand',
        parameters: { channel: '#dev' },
        estimatedMinutesSavedPerWeek: 15,
        supportAtOffer: 7,
        offeredAt: new Date(offered.getTime() + minutesLater * 60_000),
        createdAt: offered,
        updatedAt: offered,
        ...extra,
      });
    suggestion(ids[7], 0);
    suggestion(ids[12], 1, { status: 'dismissed', dismissedAt: offered, supportAtDismissal: 12 });
    suggestion(ids[3], 2, { status: 'accepted', acceptedAt: offered, workflowId: randomUUID() });
    await em.flush();
  });
  await inScopedTransaction(orm.em, scope, async (em) => {
    const [patterns, suggestions] = [new PatternRepository(em), new SuggestionRepository(em)];
    const patternReads = [
      await patterns.firstPageByUsers([viewer.userId], 10),
      await patterns.pageByUser(viewer.userId, 10, { support: 12, id: ids[12] }),
    ];
    const suggestionReads = [
      await suggestions.firstPageByUsers([viewer.userId], 10),
      await suggestions.firstPageByUsers([viewer.userId], 10, 'dismissed'),
      await suggestions.pageByUser(viewer.userId, 10, { at: new Date(offered.getTime() + 90_000), id: randomUUID() }),
      await suggestions.findByPatternIds([ids[3], ids[7], ids[12]]),
    ];
    expect(patternReads.map((page) => page.map((p) => p.support))).toEqual([
      [12, 7, 3],
      [7, 3],
    ]);
    expect(suggestionReads.map((page) => page.length)).toEqual([3, 1, 2, 3]);
    // Nothing was hydrated: the unit of work holds no entity.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    for (const read of patternReads)
      expect(read).toStrictEqual(
        await hydratedAsPlain(
          em,
          PatternEntity,
          read.map((p) => p.id),
        ),
      );
    for (const read of suggestionReads)
      expect(read).toStrictEqual(
        await hydratedAsPlain(
          em,
          SuggestionEntity,
          read.map((s) => s.id),
        ),
      );
  });
});
