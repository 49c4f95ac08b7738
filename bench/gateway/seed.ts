/**
 * Seed data for the federated bench: one organization with members, workflows (each with two
 * versions) owned by several members, integrations, and the bench user's patterns with
 * suggestions. Rows that only one subgraph's SQL defines are inserted directly; the rest go
 * through the subgraphs' own mutations with a signed identity (as the gateway would send it).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signedHeadersFor, type BenchCaller, type BenchDatabase, type SubgraphUrls } from './bench-kit';

const MEMBERS = 8;
const WORKFLOWS_PER_OWNER = 4;
const PATTERNS = 10;
const TEMPLATES = ['github-pr-opened-to-slack', 'gitlab-issues-to-teams', 'dropbox-files-to-s3', 'failed-deploy-webhook-to-slack'];

/**
 * The query every gateway serves in the bench: Core (organization, members, users), Workflow
 * (workflows, versions, templates), Analytics (patterns, suggestions) and Integration; lists with
 * nested entities resolved across subgraphs (workflow owners and version authors from Core,
 * suggestion templates from Workflow).
 */
export const BENCH_QUERY = `query Dashboard {
  currentOrganization {
    id name
    members(first: 20) { edges { node { role user { id name email } } } }
  }
  workflows(first: 20) {
    edges { node {
      id name tags isActive
      owner { id name email }
      versions(first: 5) { edges { node { version isLive createdBy { id name } } } }
    } }
  }
  me {
    id name
    integrations { id provider displayName }
    patterns(first: 10) { edges { node {
      id support confidence
      sequence { tool eventType }
      suggestion { id title status template { id name connectors } }
    } } }
  }
}`;

/**
 * A query the response cache can keep (every field under a `@cacheControl` hint: Core's User and
 * Organization 30 s PRIVATE, Workflow's templates 300 s PUBLIC): today only those types carry
 * hints, so it touches two subgraphs and no entity hop. `BENCH_QUERY=cacheable` runs it.
 */
export const CACHEABLE_QUERY = `query Catalog {
  me { id name email }
  currentOrganization { id name eventRetentionDays }
  workflowTemplates { id name description connectors parameters trigger { tool eventType } pattern { tool eventType } }
}`;

async function call(url: string, caller: BenchCaller, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const sent = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedHeadersFor(caller, { method: 'POST', target: url, body: sent }) },
    body: sent,
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(`seeding failed: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** Seeds the database and returns the bench user (an admin; the caller of every query). */
export async function seed(db: BenchDatabase, urls: SubgraphUrls): Promise<BenchCaller> {
  const orgId = randomUUID();
  const members = Array.from({ length: MEMBERS }, () => ({ userId: randomUUID(), orgId, sessionId: randomUUID() }));
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(`insert into core.organizations (id, name) values ($1, 'Bench Org')`, [orgId]);
    for (const [i, m] of members.entries()) {
      await owner.query(
        `insert into core.users (id, email, name, password_hash, created_at) values ($1, $2, $3, 'x', now() - ($4 || ' minutes')::interval)`,
        [m.userId, `member${i}@bench.test`, `Member ${i}`, String(100 - i)],
      );
      await owner.query(
        `insert into core.memberships (id, org_id, user_id, role, created_at) values ($1, $2, $3, $4, now() - ($5 || ' minutes')::interval)`,
        [randomUUID(), orgId, m.userId, i === 0 ? 'owner' : 'admin', String(100 - i)],
      );
    }
    const caller = members[0];
    // Workflows by the first five members (owners differ: the gateway resolves each from Core).
    for (const m of members.slice(0, 5)) {
      for (let w = 0; w < WORKFLOWS_PER_OWNER; w++) {
        const created = (await call(
          urls.workflow,
          m,
          'mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { workflow { id } } }',
          {
            i: { name: `Workflow ${m.userId.slice(0, 4)}-${w}`, description: 'bench', tags: ['bench', `t${w}`] },
          },
        )) as { createWorkflow: { workflow: { id: string } } };
        // A second version, saved by the next member (another author to resolve).
        const editor = members[(members.indexOf(m) + 1) % members.length];
        await call(
          urls.workflow,
          editor,
          'mutation($id: ID!, $i: UpdateWorkflowInput!) { updateWorkflow(id: $id, input: $i) { workflow { id } } }',
          {
            id: created.createWorkflow.workflow.id,
            i: { definition: { steps: [{ id: 'note', type: 'transform', config: { expression: '{ "n": 1 }' } }] } },
          },
        );
      }
    }
    // HTTP connects without an OAuth consent or credentials, so the seed needs no provider.
    for (const name of ['API', 'Hooks', 'Reports']) {
      await call(
        urls.integration,
        caller,
        'mutation($i: ConnectIntegrationInput!) { connectIntegration(input: $i) { integration { id } } }',
        { i: { provider: 'HTTP', displayName: `Bench ${name}` } },
      );
    }
    for (let p = 0; p < PATTERNS; p++) {
      const patternId = randomUUID();
      const sequence = [
        { tool: 'github', eventType: 'pr.opened' },
        { tool: ['slack', 'teams', 's3', 'http'][p % 4], eventType: `step.${p}` },
      ];
      await owner.query(
        `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at) values ($1, $2, $3, $4, $5, 0.8, now() - interval '3 days', now())`,
        [patternId, orgId, caller.userId, JSON.stringify(sequence), 50 - p],
      );
      if (p % 2 === 0) {
        await owner.query(
          `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, estimated_minutes_saved_per_week, support_at_offer, offered_at)
           values ($1, $2, $3, $4, $5, 'open', $6, 'seeded', 30, $7, now())`,
          [randomUUID(), orgId, caller.userId, patternId, TEMPLATES[(p / 2) % TEMPLATES.length], `Suggestion ${p}`, 50 - p],
        );
      }
    }
    await owner.query('analyze');
    return caller;
  } finally {
    await owner.end();
  }
}
