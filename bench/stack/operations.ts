/**
 * The fixed operations the bench drives: through the gateway as members of the seeded
 * organization (callers rotate, and every query carries an unused `nonce` variable, which is part
 * of the response cache's key, so no answer is a cache hit), and the subgraph floor sent straight
 * to a subgraph with a signed identity.
 */
import { randomUUID } from 'node:crypto';
import { BENCH_QUERY } from '../gateway/seed';
import { signedHeadersFor } from '../gateway/bench-kit';
import { EXECUTE, INGEST, eventsBatch, gatewayCall, type Member, type SeededOrganization } from './seed';
import type { Stack } from './stack';

export interface Operation {
  name: string;
  url: string;
  /** POST unless said (`GET`: no body). */
  method?: 'GET' | 'POST';
  /** Headers and body of the next request (fresh callers, nonces, events, signatures). */
  next(): { headers: Record<string, string>; body?: string };
  /** True when it makes the workers busy: the bench waits for them to finish before the next operation. */
  queuesWork?: boolean;
  /** The p95 latency architecture-target.md §7.1 sets for this kind of call, checked at a paced load. */
  p95TargetMs?: number;
}

/** architecture-target.md §7.1, p95 latency targets. */
const P95_TARGET_MS = { auth: 100, eventList: 150, patterns: 300, workflowExecution: 500 } as const;

const ME = `query Me { me { id email } }`;
const EVENTS = `query Events($after: String) { events(first: 50, after: $after) {
  edges { cursor node { id eventType tool occurredAt payload } } pageInfo { endCursor hasNextPage } } }`;
const ME_FOUR_SUBGRAPHS = `query MeEverywhere { me {
  id name email
  memberships { role organization { id name } }
  workflows(first: 5) { edges { node { id name isActive } } }
  integrations { id provider displayName }
  patterns(first: 5) { edges { node { id support confidence } } }
} }`;
const WORKFLOW = `query Workflow($id: ID!) {
  workflow(id: $id) {
    id name description tags isActive
    owner { id name }
    versions(first: 5) { edges { node { version isLive createdAt createdBy { id name } } } }
    latestExecution { id status durationMs }
  }
  executions(workflowId: $id, first: 5) { edges { node { id status triggerKind queuedAt finishedAt durationMs } } }
}`;

const PATTERNS = `query Patterns { me { patterns(first: 10) { edges { node {
  id support confidence firstSeenAt lastSeenAt
  sequence { tool eventType }
  suggestion { id title status estimatedMinutesSavedPerWeek }
} } pageInfo { endCursor hasNextPage } } } }`;

/** Subgraph floor: one `_entities` call for a User whose list there is empty. */
const FLOORS = {
  workflow: `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { workflows(first: 5) { edges { node { id } } } } } }`,
  integration: `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { integrations { id } } } }`,
  analytics: `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { patterns(first: 5) { edges { node { id } } } } } }`,
} as const;

const json = { 'content-type': 'application/json' };

function rotating<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

/** `only`: one caller for every gateway operation instead of the owner or the rotating members. */
export function operations(stack: Stack, org: SeededOrganization, laterCursor: string, only?: Member): Operation[] {
  const owner = only ?? org.members[0];
  const anyMember = only ? () => only : rotating(org.members);
  // The last member owns no workflow, integration or pattern.
  const emptyHanded = org.members[org.members.length - 1];
  const workflowId = rotating(org.workflowIds);
  const gateway = (
    name: string,
    query: string,
    caller: () => { token: string },
    variables: () => Record<string, unknown> = () => ({}),
    p95TargetMs?: number,
  ): Operation => ({
    name,
    url: stack.gatewayUrl,
    p95TargetMs,
    next: () => ({
      headers: { ...json, authorization: `Bearer ${caller().token}` },
      body: JSON.stringify({ query, variables: { ...variables(), nonce: randomUUID() } }),
    }),
  });
  const floor = (subgraph: keyof typeof FLOORS): Operation => ({
    name: `floor: ${subgraph} _entities (empty list)`,
    url: stack.subgraphUrls[subgraph],
    next: () => {
      const body = JSON.stringify({ query: FLOORS[subgraph], variables: { r: [{ __typename: 'User', id: emptyHanded.userId }] } });
      const caller = { userId: emptyHanded.userId, orgId: org.orgId, sessionId: emptyHanded.sessionId };
      const url = stack.subgraphUrls[subgraph];
      return { headers: { ...json, ...signedHeadersFor(caller, { method: 'POST', target: url, body }) }, body };
    },
  });
  return [
    // Every request authenticates (token, revocation, the user): the closest the bench gets to
    // "auth endpoints", as logIn is throttled per account by design.
    gateway('me (uncached)', ME, anyMember, undefined, P95_TARGET_MS.auth),
    gateway('events(first: 50)', EVENTS, anyMember, undefined, P95_TARGET_MS.eventList),
    gateway('events(first: 50) later page', EVENTS, anyMember, () => ({ after: laterCursor }), P95_TARGET_MS.eventList),
    gateway('me on four subgraphs', ME_FOUR_SUBGRAPHS, anyMember),
    gateway('dashboard (bench/gateway)', BENCH_QUERY, () => owner),
    gateway('patterns(first: 10)', PATTERNS, () => owner, undefined, P95_TARGET_MS.patterns),
    gateway(
      'workflow(id)',
      WORKFLOW,
      () => owner,
      () => ({ id: workflowId() }),
    ),
    floor('workflow'),
    floor('integration'),
    floor('analytics'),
    {
      name: 'ingestEvents (100)',
      url: stack.gatewayUrl,
      next: () => ({
        headers: { ...json, authorization: `Bearer ${anyMember().token}` },
        body: JSON.stringify({ query: INGEST, variables: { events: eventsBatch(100, 'op') } }),
      }),
      queuesWork: true,
    },
    {
      name: 'executeWorkflow',
      url: stack.gatewayUrl,
      next: () => ({
        headers: { ...json, authorization: `Bearer ${owner.token}` },
        body: JSON.stringify({ query: EXECUTE, variables: { i: { workflowId: workflowId(), input: { n: 1 } } } }),
      }),
      queuesWork: true,
      p95TargetMs: P95_TARGET_MS.workflowExecution,
    },
  ];
}

/** The cursor that ends page `pages` of the owner's `events(first: 50)`. */
export async function laterPageCursor(stack: Stack, org: SeededOrganization, pages: number): Promise<string> {
  let after: string | null = null;
  for (let page = 0; page < pages; page++) {
    const data: { events: { pageInfo: { endCursor: string } } } = await gatewayCall(
      stack.gatewayUrl,
      org.members[0].token,
      `query($after: String) { events(first: 50, after: $after) { pageInfo { endCursor } } }`,
      {
        after,
      },
    );
    after = data.events.pageInfo.endCursor;
  }
  return after!;
}
