import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, createRedis, RedisPubSub, type Redis } from '@flowgraph/kernel';
import { EventRelay } from '@flowgraph/core/testing';
import { entities as analyticsEntities } from '@flowgraph/analytics';
import {
  loadAnalyticsConfig,
  startTestWorkers,
  SuggestionFeed,
  createSuggestionListener,
  suggestionSettings,
  WorkflowClient,
  type TestWorkers,
} from '@flowgraph/analytics/testing';
import { identitySecret, post, startFederation, type Federation } from '../support/federation-kit';
import { prThenReviewPostSessions } from '../support/live-kit';
import { until } from '@flowgraph/kernel/testing';

/**
 * The whole product loop through the gateway: events ingested → Core's relay → the analytics
 * worker (event copy, mining, suggestion) → the suggestion read through the graph, with fields
 * from Workflow (template, workflowDefinition via @requires) → accepted → the workflow exists.
 */
let federation: Federation;
let relayOrm: MikroORM;
let analyticsOrm: MikroORM;
let relay: EventRelay;
let workers: TestWorkers;
let redis: Redis;
let auth: Record<string, string>;

const quiet = () => createLogger('test', process.env.TEST_LOG ?? 'silent');
const gateway = <T>(query: string, variables: Record<string, unknown> = {}) => post<T>(federation.gateway.url, query, variables, auth);

beforeAll(async () => {
  federation = await startFederation();
  const prefix = federation.config.REDIS_PREFIX;
  redis = createRedis(federation.config.REDIS_URL);
  relayOrm = await createOrm({ url: federation.db.appUrl, entities: [], poolMax: 2 });
  relay = new EventRelay({ orm: relayOrm, redis, redisPrefix: prefix, logger: quiet(), intervalMs: 20 });
  relay.start();
  const config = loadAnalyticsConfig({ ...process.env, REDIS_PREFIX: prefix });
  analyticsOrm = await createOrm({ url: federation.db.appUrl, entities: analyticsEntities, poolMax: 4 });
  workers = await startTestWorkers({
    orm: analyticsOrm,
    redis,
    logger: quiet(),
    config,
    patternListener: createSuggestionListener({
      workflow: new WorkflowClient({ origin: new URL(federation.urls.workflow).origin, identitySecret }),
      feed: new SuggestionFeed(new RedisPubSub(redis), prefix),
      logger: quiet(),
      ...suggestionSettings(config),
    }),
  });
});

afterAll(async () => {
  await workers.close();
  await relay.stop();
  redis.disconnect();
  await analyticsOrm.close(true);
  await relayOrm.close(true);
  await federation.stop();
});

it('turns repeated events into a suggestion that is accepted into a workflow, all through the gateway', async () => {
  const signedUp = await post<{ signUp: { accessToken: string } }>(
    federation.gateway.url,
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
    { input: { email: `${randomUUID()}@example.com`, password: 'correct horse battery staple', name: 'Ada', organizationName: 'Engines' } },
  );
  expect(signedUp.errors).toBeUndefined();
  auth = { authorization: `Bearer ${signedUp.data!.signUp.accessToken}` };

  // Six sessions (two hours apart) in which a PR opened on GitHub is followed by a post in #reviews.
  const events = prThenReviewPostSessions();
  const ingested = await gateway<{ ingestEvents: { createdCount: number } }>(
    'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount } }',
    { events },
  );
  expect(ingested.data?.ingestEvents.createdCount).toBe(12);

  type Me = {
    me: {
      suggestions: {
        edges: {
          node: {
            id: string;
            status: string;
            title: string;
            explanation: string;
            parameters: Record<string, string>;
            pattern: { support: number; sequence: { tool: string }[] };
            template: { id: string; name: string };
            workflowDefinition: { steps: { config: Record<string, unknown> }[] };
          };
        }[];
      };
    };
  };
  const suggestionsQuery = `query { me { suggestions(first: 5) { edges { node {
    id status title explanation parameters
    pattern { support sequence { tool } }
    template { id name }
    workflowDefinition
  } } } } }`;
  const suggestion = await until(async () => {
    const result = await gateway<Me>(suggestionsQuery);
    expect(result.errors).toBeUndefined();
    return result.data?.me.suggestions.edges[0]?.node;
  });
  expect(suggestion).toMatchObject({
    status: 'OPEN',
    title: 'Post to Slack when a PR is opened',
    parameters: { channel: '#reviews' },
    pattern: { support: 6, sequence: [{ tool: 'github' }, { tool: 'slack' }] },
    template: { id: 'github-pr-opened-to-slack', name: 'Post to Slack when a PR is opened' },
  });
  expect(suggestion.explanation).toMatch(/#reviews/);
  // Workflow filled the template's steps with the suggestion's parameters (@requires).
  expect(JSON.stringify(suggestion.workflowDefinition)).toContain('#reviews');

  const accepted = await gateway<{
    acceptSuggestion: { suggestion: { status: string }; workflow: { id: string; name: string; isActive: boolean } };
  }>('mutation($id: ID!) { acceptSuggestion(id: $id) { suggestion { status } workflow { id name isActive } } }', { id: suggestion.id });
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data!.acceptSuggestion).toMatchObject({
    suggestion: { status: 'ACCEPTED' },
    workflow: { name: 'Post to Slack when a PR is opened', isActive: false },
  });
  const workflow = await gateway<{ workflow: { id: string } | null }>('query($id: ID!) { workflow(id: $id) { id } }', {
    id: accepted.data!.acceptSuggestion.workflow.id,
  });
  expect(workflow.data?.workflow?.id).toBe(accepted.data!.acceptSuggestion.workflow.id);
});
