/**
 * A realistic organization, seeded through the product's API (the gateway) where it has one:
 * an owner signs up, invites the members, who sign up with the invitation; every member ingests
 * events; some members create, edit, publish and run workflows; the owner connects integrations.
 * Patterns and suggestions come from the miner, which needs days of history: they are inserted
 * as the database owner, as bench/gateway/seed.ts does.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signAccessToken } from '@flowgraph/kernel';
import { benchSecrets } from '../gateway/bench-kit';
import type { Stack } from './stack';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20);
const EVENTS_PER_MEMBER = Number(process.env.BENCH_EVENTS_PER_MEMBER ?? 200);
const WORKFLOW_OWNERS = 5;
const WORKFLOWS_PER_OWNER = 4;
const EXECUTIONS_PER_WORKFLOW = 3;
const PATTERNS = 10;
const TEMPLATES = ['github-pr-opened-to-slack', 'gitlab-issues-to-teams', 'dropbox-files-to-s3', 'failed-deploy-webhook-to-slack'];
const TOOLS = ['github', 'slack', 'jira', 'gitlab', 'teams'];

/** Three steps a worker runs without calling out (no notify, no connector). */
export const WORKFLOW_DEFINITION = {
  steps: [
    { id: 'shape', type: 'transform', config: { expression: '{ "n": input.n }' } },
    { id: 'double', type: 'transform', config: { expression: '{ "d": steps.shape.output.n * 2 }' } },
    { id: 'text', type: 'transform', config: { expression: '{ "t": "d=" & $string(steps.double.output.d) }' } },
  ],
  edges: [
    { from: 'shape', to: 'double' },
    { from: 'double', to: 'text' },
  ],
};

export interface Member {
  userId: string;
  sessionId: string;
  /** A long-lived access token for this member's session (signed with the bench's JWT secret). */
  token: string;
}

export interface SeededOrganization {
  orgId: string;
  /** The owner first; then the members in invitation order. */
  members: Member[];
  workflowIds: string[];
}

/** One GraphQL call through the gateway; throws on any error. `T` is the shape of `data` the query asks for. */
export async function gatewayCall<T = Record<string, unknown>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`${query.slice(0, 60)}…: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** Replaces the API's 15-minute access token with a long one for the same session, so a long run never sees one expire. */
async function longLived(accessToken: string): Promise<Member> {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
    sub: string;
    org: string;
    role: 'owner' | 'admin' | 'member' | 'viewer';
    sid: string;
  };
  const { token } = await signAccessToken(
    { userId: claims.sub, orgId: claims.org, role: claims.role, sessionId: claims.sid },
    benchSecrets.JWT_SECRET,
    6 * 3600,
  );
  return { userId: claims.sub, sessionId: claims.sid, token };
}

export function eventsBatch(size: number, tag: string) {
  const now = Date.now();
  return Array.from({ length: size }, (_, i) => ({
    idempotencyKey: `${tag}-${i}-${randomUUID()}`,
    eventType: ['pr.opened', 'pr.merged', 'issue.created', 'message.posted'][i % 4],
    tool: TOOLS[i % TOOLS.length],
    occurredAt: new Date(now - i * 60_000).toISOString(),
    payload: { repository: 'flowgraph/app', number: i, title: `Change ${i}`, labels: ['bench'] },
  }));
}

export const INGEST = `mutation Ingest($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount duplicateCount invalidCount } }`;

type SignUpAnswer = { signUp: { accessToken: string } };

export async function seedOrganization(stack: Stack): Promise<SeededOrganization> {
  const url = stack.gatewayUrl;
  const stamp = randomUUID().slice(0, 8);
  const signUp = `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`;
  const ownerAnswer = await gatewayCall<SignUpAnswer>(url, null, signUp, {
    i: { email: `owner-${stamp}@bench.test`, password: 'bench-password-1', name: 'Owner', organizationName: 'Bench Org' },
  });
  const owner = await longLived(ownerAnswer.signUp.accessToken);
  const members: Member[] = [owner];
  for (let i = 1; i < MEMBERS; i++) {
    const email = `member${i}-${stamp}@bench.test`;
    const invited = await gatewayCall<{ inviteMember: { token: string } }>(
      url,
      owner.token,
      `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      {
        i: { email, role: i < WORKFLOW_OWNERS ? 'ADMIN' : 'MEMBER' },
      },
    );
    const joined = await gatewayCall<SignUpAnswer>(url, null, signUp, {
      i: { email, password: 'bench-password-1', name: `Member ${i}`, invitationToken: invited.inviteMember.token },
    });
    members.push(await longLived(joined.signUp.accessToken));
  }
  const orgId = (JSON.parse(Buffer.from(ownerAnswer.signUp.accessToken.split('.')[1], 'base64url').toString()) as { org: string }).org;

  for (const [i, m] of members.entries()) {
    for (let left = EVENTS_PER_MEMBER; left > 0; left -= 500) {
      await gatewayCall(url, m.token, INGEST, { events: eventsBatch(Math.min(500, left), `seed${i}`) });
    }
  }

  const workflowIds: string[] = [];
  for (const [o, m] of members.slice(0, WORKFLOW_OWNERS).entries()) {
    for (let w = 0; w < WORKFLOWS_PER_OWNER; w++) {
      const created = await gatewayCall<{ createWorkflow: { workflow: { id: string } } }>(
        url,
        m.token,
        `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { workflow { id } } }`,
        { i: { name: `Workflow ${o}-${w}`, description: 'bench', tags: ['bench', `t${w}`], definition: WORKFLOW_DEFINITION } },
      );
      const id = created.createWorkflow.workflow.id;
      // A second version by the next member: another author for the gateway to resolve.
      const editor = members[(o + 1) % WORKFLOW_OWNERS];
      await gatewayCall(
        url,
        editor.token,
        `mutation($id: ID!, $i: UpdateWorkflowInput!) { updateWorkflow(id: $id, input: $i) { workflow { id } } }`,
        {
          id,
          i: { description: 'bench, edited', definition: WORKFLOW_DEFINITION },
        },
      );
      await gatewayCall(url, m.token, `mutation($id: ID!) { publishWorkflow(id: $id, version: 2) { workflow { id } } }`, { id });
      await gatewayCall(url, m.token, `mutation($id: ID!) { setWorkflowActive(id: $id, active: true) { workflow { id } } }`, { id });
      for (let e = 0; e < EXECUTIONS_PER_WORKFLOW; e++) {
        await gatewayCall(url, m.token, EXECUTE, { i: { workflowId: id, input: { n: e } } });
      }
      workflowIds.push(id);
    }
  }

  for (const name of ['API', 'Hooks', 'Reports']) {
    await gatewayCall(url, owner.token, `mutation($i: ConnectIntegrationInput!) { connectIntegration(input: $i) { integration { id } } }`, {
      i: { provider: 'HTTP', displayName: `Bench ${name}` },
    });
  }

  const db = new Client({ connectionString: stack.ownerUrl });
  await db.connect();
  try {
    for (let p = 0; p < PATTERNS; p++) {
      const patternId = randomUUID();
      const sequence = [
        { tool: 'github', eventType: 'pr.opened' },
        { tool: ['slack', 'teams', 's3', 'http'][p % 4], eventType: `step.${p}` },
      ];
      await db.query(
        `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at) values ($1, $2, $3, $4, $5, 0.8, now() - interval '3 days', now())`,
        [patternId, orgId, owner.userId, JSON.stringify(sequence), 50 - p],
      );
      if (p % 2 === 0) {
        await db.query(
          `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, estimated_minutes_saved_per_week, support_at_offer, offered_at)
           values ($1, $2, $3, $4, $5, 'open', $6, 'seeded', 30, $7, now())`,
          [randomUUID(), orgId, owner.userId, patternId, TEMPLATES[(p / 2) % TEMPLATES.length], `Suggestion ${p}`, 50 - p],
        );
      }
    }
    await waitForExecutions(db);
    await db.query('analyze');
  } finally {
    await db.end();
  }
  return { orgId, members, workflowIds };
}

export const EXECUTE = `mutation Execute($i: ExecuteWorkflowInput!) { executeWorkflow(input: $i) { execution { id status } } }`;

/** Waits until the workers have finished every execution (so their work does not leak into the next window). */
export async function waitForExecutions(db: Client, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from workflow.executions where finished_at is null`);
    if (rows[0].n === 0 || Date.now() > deadline) return rows[0].n;
    await new Promise((r) => setTimeout(r, 200));
  }
}
