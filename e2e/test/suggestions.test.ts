import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@flowgraph/kernel';
import { statementCounter } from '@flowgraph/kernel/testing';
import {
  storeEvents,
  PatternMiner,
  userMiningOptions,
  createSuggestionListener,
  suggestionSettings,
  WorkflowClient,
  WorkflowUnavailableError,
} from '@flowgraph/analytics/testing';
import { ISSUES_TO_TEAMS, PR_TO_SLACK, codeOf, startSuggestionsHarness, type SuggestionsHarness } from '../support/suggestions-harness';

let h: SuggestionsHarness;
const orgA = randomUUID();
const orgB = randomUUID();
const admin = { userId: randomUUID(), orgId: orgA, role: 'admin' as const };
const member = () => ({ userId: randomUUID(), orgId: orgA, role: 'member' as const });

const DROPBOX_TO_S3 = [
  { tool: 'dropbox', eventType: 'file.created' },
  { tool: 's3', eventType: 'object.created' },
];
const DRIVE_TO_SLACK = [
  { tool: 'google_drive', eventType: 'file.created' },
  { tool: 'slack', eventType: 'message.posted' },
];
const ISSUES_TO_GITLAB = [
  { tool: 'github', eventType: 'issue.opened' },
  { tool: 'gitlab', eventType: 'issue.opened' },
];

interface SuggestionRow extends Record<string, unknown> {
  id: string;
  pattern_id: string;
  status: string;
  title: string;
  explanation: string;
  parameters: Record<string, string>;
  estimated_minutes_saved_per_week: number;
  offered_at: Date;
  dismissed_at: Date | null;
  support_at_dismissal: number | null;
  workflow_id: string | null;
}

const rowsOf = (userId: string) =>
  h.owner<SuggestionRow>('select * from analytics.suggestions where user_id = $1 order by title', [userId]);

const SUGGESTION = 'id status title templateId parameters workflow { id } dismissedAt acceptedAt';
const accept = (id: string, identity: object, input?: object) =>
  h.call(
    `mutation($id: ID!, $input: AcceptSuggestionInput) { acceptSuggestion(id: $id, input: $input) { suggestion { ${SUGGESTION} } workflow { id } } }`,
    { id, input },
    identity,
  );
const dismiss = (id: string, identity: object) =>
  h.call(`mutation($id: ID!) { dismissSuggestion(id: $id) { suggestion { ${SUGGESTION} } } }`, { id }, identity);

/** A user with one open PR-to-Slack suggestion (channel #reviews seen on their Slack posts). */
async function offeredTo(user: { userId: string; orgId: string }, support = 10): Promise<{ suggestionId: string; patternId: string }> {
  await h.insertEvents(user.orgId, user.userId, [
    { tool: 'slack', eventType: 'message.posted', attributes: { channel: '#reviews' } },
    { tool: 'slack', eventType: 'message.posted', attributes: { channel: '#reviews' } },
  ]);
  const patternId = await h.insertPattern(user.orgId, user.userId, { sequence: PR_TO_SLACK, support, supportLastWeek: 3 });
  await h.mine(user.orgId, user.userId);
  const [row] = await rowsOf(user.userId);
  return { suggestionId: row.id, patternId };
}

beforeAll(async () => {
  h = await startSuggestionsHarness('an_sugg');
});

afterAll(async () => {
  await h.close();
});

describe('the pattern listener', () => {
  it('offers one open suggestion per active pattern above the thresholds that matches a template, and announces each', async () => {
    const user = member();
    await h.insertEvents(orgA, user.userId, [
      ...Array.from({ length: 3 }, () => ({ tool: 'slack', eventType: 'message.posted', attributes: { channel: '#reviews' } })),
      { tool: 'slack', eventType: 'message.posted', attributes: { channel: '#general' } },
      { tool: 'github', eventType: 'pr.opened', attributes: { repository: 'acme/api' } },
    ]);
    // Another user's channel must not leak into this user's suggestion.
    await h.insertEvents(
      orgA,
      randomUUID(),
      Array.from({ length: 5 }, () => ({ tool: 'slack', eventType: 'message.posted', attributes: { channel: '#elsewhere' } })),
    );
    const prToSlack = await h.insertPattern(orgA, user.userId, { sequence: PR_TO_SLACK, support: 10, supportLastWeek: 4 });
    const issuesToTeams = await h.insertPattern(orgA, user.userId, { sequence: ISSUES_TO_TEAMS, support: 6, supportLastWeek: 1 });
    await h.insertPattern(orgA, user.userId, { sequence: DROPBOX_TO_S3, support: 4, supportLastWeek: 4 }); // below min support
    await h.insertPattern(orgA, user.userId, { sequence: DRIVE_TO_SLACK, support: 10, confidence: 0.4 }); // below min confidence
    await h.insertPattern(orgA, user.userId, { sequence: ISSUES_TO_GITLAB, support: 10, active: false }); // no longer found
    await h.insertPattern(orgA, user.userId, { sequence: [...PR_TO_SLACK, { tool: 's3', eventType: 'object.created' }], support: 10 }); // no template

    const messages = await h.feed.subscribe(orgA, user.userId);
    expect(await h.mine(orgA, user.userId)).toBe(true);
    const rows = await rowsOf(user.userId);
    expect(rows.map((r) => [r.pattern_id, r.status])).toEqual([
      [issuesToTeams, 'open'],
      [prToSlack, 'open'],
    ]);
    expect(rows[1]).toMatchObject({
      title: 'Post to Slack when a PR is opened',
      template_id: 'github-pr-opened-to-slack',
      explanation: 'You opened a PR in acme/api on GitHub and then posted in #reviews on Slack 4 times this week.',
      parameters: { channel: '#reviews' },
      // 1 manual step × 4 a week × 2 minutes
      estimated_minutes_saved_per_week: 8,
      support_at_offer: 10,
    });
    expect(rows[0]).toMatchObject({
      explanation: 'You opened an issue on GitLab and then posted a message on Teams 6 times in the last 30 days.',
      parameters: {},
    });
    const announced = [(await messages.next()).value, (await messages.next()).value];
    await messages.return!();
    expect(announced.map((m) => m.suggestionId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(announced[0]).toMatchObject({ orgId: orgA, userId: user.userId });
  });

  it('turns what the miner finds in stored events into a suggestion, through the miner’s own hook', async () => {
    const user = member();
    const now = new Date();
    const day = 86_400_000;
    // Six days, each a session: a PR opened on acme/web, then a post in #reviews five minutes later.
    const events = Array.from({ length: 6 }, (_, i) => {
      const opened = new Date(now.getTime() - (i + 1) * day);
      return [
        {
          id: randomUUID(),
          orgId: orgA,
          userId: user.userId,
          ...PR_TO_SLACK[0],
          occurredAt: opened,
          attributes: { repository: 'acme/web' },
        },
        {
          id: randomUUID(),
          orgId: orgA,
          userId: user.userId,
          ...PR_TO_SLACK[1],
          occurredAt: new Date(opened.getTime() + 5 * 60_000),
          attributes: { channel: '#reviews' },
        },
      ];
    }).flat();
    await storeEvents(h.orm.em, events);
    const miner = new PatternMiner({ root: h.orm.em, options: userMiningOptions(h.config), logger: h.logger, listener: h.listener });
    await miner.mineUser({ orgId: orgA, userId: user.userId }, now);
    const rows = await rowsOf(user.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      template_id: 'github-pr-opened-to-slack',
      status: 'open',
      parameters: { channel: '#reviews' },
      support_at_offer: 6,
    });
    expect(rows[0].explanation).toMatch(
      /^You opened a PR in acme\/web on GitHub and then posted in #reviews on Slack 6 times this week\.$/,
    );
  });

  it('refreshes an open suggestion quietly when mined again: no duplicate, no announcement', async () => {
    const user = member();
    const { suggestionId, patternId } = await offeredTo(user);
    await h.updatePattern(patternId, { support: 12, supportLastWeek: 6 });
    expect(await h.mine(orgA, user.userId)).toBe(false);
    const rows = await rowsOf(user.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: suggestionId,
      status: 'open',
      explanation: expect.stringContaining('6 times this week'),
      estimated_minutes_saved_per_week: 12,
    });
  });

  it('creates one suggestion when two miners offer the same pattern at once', async () => {
    const user = member();
    await h.insertPattern(orgA, user.userId, { sequence: PR_TO_SLACK, support: 8 });
    const announced = await Promise.all([h.mine(orgA, user.userId), h.mine(orgA, user.userId)]);
    expect(await rowsOf(user.userId)).toHaveLength(1);
    expect(announced.filter(Boolean)).toHaveLength(1);
  });

  it('keeps a dismissed suggestion dismissed until its pattern grows by the factor, then reopens and announces it', async () => {
    const user = member();
    const { suggestionId, patternId } = await offeredTo(user, 10);
    const dismissed = await dismiss(suggestionId, user);
    expect(dismissed.errors).toBeUndefined();
    expect(dismissed.data!.dismissSuggestion.suggestion).toMatchObject({ status: 'DISMISSED', dismissedAt: expect.any(String) });
    const [before] = await rowsOf(user.userId);
    expect(before.support_at_dismissal).toBe(10);

    await h.updatePattern(patternId, { support: 19 });
    expect(await h.mine(orgA, user.userId)).toBe(false);
    expect((await rowsOf(user.userId))[0].status).toBe('dismissed');

    await h.updatePattern(patternId, { support: 20 });
    const messages = await h.feed.subscribe(orgA, user.userId);
    expect(await h.mine(orgA, user.userId)).toBe(true);
    expect((await messages.next()).value).toEqual({ suggestionId, orgId: orgA, userId: user.userId });
    await messages.return!();
    const [after] = await rowsOf(user.userId);
    expect(after).toMatchObject({ id: suggestionId, status: 'open', dismissed_at: null, support_at_dismissal: null, support_at_offer: 20 });
    expect(after.offered_at.getTime()).toBeGreaterThan(before.offered_at.getTime());
  });

  it('offers nothing and fails nothing while the Workflow subgraph is down', async () => {
    const user = member();
    await h.insertPattern(orgA, user.userId, { sequence: PR_TO_SLACK, support: 8 });
    const down = new WorkflowClient({ origin: await closedOrigin(), identitySecret: h.config.IDENTITY_SECRET });
    const listener = createSuggestionListener({ workflow: down, feed: h.feed, logger: h.logger, ...suggestionSettings(h.config) });
    expect(await h.mine(orgA, user.userId, listener)).toBe(false);
    expect(await rowsOf(user.userId)).toEqual([]);
  });
});

describe('acceptSuggestion', () => {
  it('creates exactly one workflow with the prefilled parameters even when called twice at once, and stays accepted', async () => {
    const user = member();
    const { suggestionId, patternId } = await offeredTo(user);
    const name = `PR alerts ${randomUUID()}`;
    const [first, second] = await Promise.all([accept(suggestionId, admin, { name }), accept(suggestionId, admin, { name })]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const workflowId = first.data!.acceptSuggestion.workflow.id;
    expect(second.data!.acceptSuggestion.workflow.id).toBe(workflowId);
    expect(first.data!.acceptSuggestion.suggestion).toMatchObject({
      status: 'ACCEPTED',
      workflow: { id: workflowId },
      acceptedAt: expect.any(String),
    });
    expect(await h.owner('select id from workflow.workflows where name = $1', [name])).toEqual([{ id: workflowId }]);

    const created = await h.callWorkflow(
      'query($id: ID!) { workflow(id: $id) { name owner { id } latestVersion { definition } } }',
      { id: workflowId },
      admin,
    );
    expect(created.data!.workflow).toMatchObject({ name, owner: { id: admin.userId } });
    expect(created.data!.workflow.latestVersion.definition.steps[1].config.input.channel).toBe('#reviews');

    // Accepted is final: mining again changes nothing, and it cannot be dismissed.
    await h.updatePattern(patternId, { support: 100 });
    expect(await h.mine(orgA, user.userId)).toBe(false);
    expect((await rowsOf(user.userId))[0]).toMatchObject({ status: 'accepted', workflow_id: workflowId });
    expect(codeOf(await dismiss(suggestionId, user))).toBe('CONFLICT');
  });

  it("gives the workflow its template's trigger, and with activate: true publishes and activates it in the same step", async () => {
    const state =
      'query($id: ID!) { workflow(id: $id) { isActive liveVersion { version } triggers { kind enabled event { tool eventType } } } }';
    const trigger = { kind: 'EVENT', enabled: true, event: { tool: 'github', eventType: 'pr.opened' } };
    const later = await offeredTo(member());
    const kept = await accept(later.suggestionId, admin);
    expect(kept.errors).toBeUndefined();
    expect((await h.callWorkflow(state, { id: kept.data!.acceptSuggestion.workflow.id }, admin)).data!.workflow).toEqual({
      isActive: false,
      liveVersion: null,
      triggers: [trigger],
    });

    const now = await offeredTo(member());
    const activated = await accept(now.suggestionId, admin, { activate: true });
    expect(activated.errors).toBeUndefined();
    expect((await h.callWorkflow(state, { id: activated.data!.acceptSuggestion.workflow.id }, admin)).data!.workflow).toEqual({
      isActive: true,
      liveVersion: { version: 1 },
      triggers: [trigger],
    });
  });

  it("returns the signing secret of a webhook template's trigger from the accept that created the workflow only", async () => {
    const user = member();
    await h.insertPattern(orgA, user.userId, {
      sequence: [
        { tool: 'http', eventType: 'deploy.finished' },
        { tool: 'slack', eventType: 'message.posted' },
      ],
      support: 8,
    });
    await h.insertEvents(orgA, user.userId, [{ tool: 'slack', eventType: 'message.posted', attributes: { channel: '#ops' } }]);
    await h.mine(orgA, user.userId);
    const [row] = await rowsOf(user.userId);
    const withSecret = (input?: object) =>
      h.call(
        'mutation($id: ID!, $input: AcceptSuggestionInput) { acceptSuggestion(id: $id, input: $input) { workflow { id } webhookSecret } }',
        { id: row.id, input },
        admin,
      );
    const first = await withSecret({ activate: true });
    expect(first.errors).toBeUndefined();
    expect(first.data!.acceptSuggestion.webhookSecret).toMatch(/^whsec_/);
    const again = await withSecret();
    expect(again.data!.acceptSuggestion).toEqual({ workflow: first.data!.acceptSuggestion.workflow, webhookSecret: null });
    const created = await h.callWorkflow(
      'query($id: ID!) { workflow(id: $id) { isActive triggers { kind } } }',
      { id: first.data!.acceptSuggestion.workflow.id },
      admin,
    );
    expect(created.data!.workflow).toEqual({ isActive: true, triggers: [{ kind: 'WEBHOOK' }] });
  });

  /** Every workflow of that name (each test names its own), and the idempotency key it was created under. */
  const workflowsNamed = (name: string) =>
    h.owner<{ id: string; is_active: boolean; triggers: number; idempotency_key: string }>(
      `select w.id, w.is_active, (select count(*)::int from workflow.triggers t where t.workflow_id = w.id) as triggers, w.idempotency_key
       from workflow.workflows w where w.name = $1`,
      [name],
    );

  it('creates no second workflow when the accept fails in Analytics after Workflow created it, and the accept is repeated', async () => {
    const user = member();
    const { suggestionId } = await offeredTo(user);
    // Marking the suggestion accepted fails (as a lost flush would), after Workflow committed the workflow.
    const guard = `fail_accept_${randomUUID().replaceAll('-', '')}`;
    await h.owner(
      `create function analytics.${guard}() returns trigger language plpgsql as $$ begin raise exception 'injected: flush lost'; end $$`,
    );
    await h.owner(
      `create trigger ${guard} before update on analytics.suggestions for each row when (new.id = '${suggestionId}' and new.status = 'accepted') execute function analytics.${guard}()`,
    );
    const input = { name: `Lost accept ${randomUUID()}`, activate: true };
    let failed;
    try {
      failed = await accept(suggestionId, admin, input);
    } finally {
      await h.owner(`drop trigger ${guard} on analytics.suggestions`);
      await h.owner(`drop function analytics.${guard}()`);
    }
    expect(codeOf(failed)).toBe('INTERNAL');
    expect((await rowsOf(user.userId))[0]).toMatchObject({ status: 'open', workflow_id: null });
    const [created] = await workflowsNamed(input.name);
    expect(created).toMatchObject({ is_active: true, triggers: 1 });

    const again = await accept(suggestionId, admin, input);
    expect(again.errors).toBeUndefined();
    expect(again.data!.acceptSuggestion).toMatchObject({
      workflow: { id: created.id },
      suggestion: { status: 'ACCEPTED', workflow: { id: created.id } },
    });
    expect(await workflowsNamed(input.name)).toEqual([
      { id: created.id, is_active: true, triggers: 1, idempotency_key: `suggestion:${suggestionId}` },
    ]);
    expect((await rowsOf(user.userId))[0]).toMatchObject({ status: 'accepted', workflow_id: created.id });
  });

  it('returns the same workflow when an accepted suggestion is found open again (its accept was lost), and creates nothing', async () => {
    const user = member();
    const { suggestionId } = await offeredTo(user);
    const name = `Lost accept ${randomUUID()}`;
    const first = await accept(suggestionId, admin, { name });
    expect(first.errors).toBeUndefined();
    const workflowId = first.data!.acceptSuggestion.workflow.id;
    await h.owner(`update analytics.suggestions set status = 'open', accepted_at = null, workflow_id = null where id = $1`, [suggestionId]);

    const again = await accept(suggestionId, admin, { name });
    expect(again.errors).toBeUndefined();
    expect(await workflowsNamed(name)).toEqual([
      { id: workflowId, is_active: false, triggers: 1, idempotency_key: `suggestion:${suggestionId}` },
    ]);
    expect(again.data!.acceptSuggestion.workflow.id).toBe(workflowId);
    expect((await rowsOf(user.userId))[0]).toMatchObject({ status: 'accepted', workflow_id: workflowId });
  });

  it('names the workflow after the suggestion by default, and overlays given parameters on the prefilled ones', async () => {
    const user = member();
    await h.insertPattern(orgA, user.userId, { sequence: ISSUES_TO_TEAMS, support: 7 });
    await h.insertEvents(orgA, user.userId, [
      { tool: 'teams', eventType: 'message.posted', attributes: { channel: 'releases', team: 'Platform' } },
    ]);
    await h.mine(orgA, user.userId);
    const [row] = await rowsOf(user.userId);
    expect(row.parameters).toEqual({ channel: 'releases', team: 'Platform' });
    const response = await accept(row.id, admin, { parameters: { team: 'Engineering' } });
    expect(response.errors).toBeUndefined();
    const created = await h.callWorkflow(
      'query($id: ID!) { workflow(id: $id) { name latestVersion { definition } } }',
      { id: response.data!.acceptSuggestion.workflow.id },
      admin,
    );
    expect(created.data!.workflow.name).toBe('Mirror GitLab issues to Teams');
    expect(created.data!.workflow.latestVersion.definition.steps[1].config.input).toMatchObject({
      team: 'Engineering',
      channel: 'releases',
    });
  });

  it('passes on the Workflow subgraph’s VALIDATION_ERROR for a parameter nobody could guess, with its details', async () => {
    const user = member();
    await h.insertPattern(orgA, user.userId, { sequence: ISSUES_TO_TEAMS, support: 7 });
    await h.mine(orgA, user.userId);
    const [row] = await rowsOf(user.userId);
    const response = await accept(row.id, admin);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'parameters.team' }, { field: 'parameters.channel' }],
    });
    expect((await rowsOf(user.userId))[0].status).toBe('open');
  });

  it('refuses the suggestion’s own member with the Workflow subgraph’s FORBIDDEN (creating workflows needs an admin)', async () => {
    const user = member();
    const { suggestionId } = await offeredTo(user);
    const response = await accept(suggestionId, user);
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toBe('Requires the admin role');
    expect((await rowsOf(user.userId))[0].status).toBe('open');
  });

  it('refuses another member, and a viewer even on their own suggestion', async () => {
    const user = member();
    const { suggestionId } = await offeredTo(user);
    const other = await accept(suggestionId, member());
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.message).toContain('own user or an admin');
    expect(codeOf(await accept(suggestionId, { ...user, role: 'viewer' }))).toBe('FORBIDDEN');
  });
});

describe('dismissSuggestion', () => {
  it('refuses a viewer and another member; an admin may dismiss anyone’s', async () => {
    const user = member();
    const { suggestionId } = await offeredTo(user);
    expect(codeOf(await dismiss(suggestionId, { ...user, role: 'viewer' }))).toBe('FORBIDDEN');
    expect(codeOf(await dismiss(suggestionId, member()))).toBe('FORBIDDEN');
    const response = await dismiss(suggestionId, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data!.dismissSuggestion.suggestion.status).toBe('DISMISSED');
  });
});

describe('reading suggestions', () => {
  it('shows a suggestion with its pattern, template, user and workflow, and the pattern its suggestion', async () => {
    const user = member();
    const { suggestionId, patternId } = await offeredTo(user);
    const response = await h.call(
      `query($id: ID!, $pattern: ID!) {
        suggestion(id: $id) { id status title explanation templateId parameters estimatedMinutesSavedPerWeek offeredAt dismissedAt acceptedAt createdAt
          pattern { id support } template { id } user { id } workflow { id } }
        pattern(id: $pattern) { suggestion { id } }
      }`,
      { id: suggestionId, pattern: patternId },
      { ...user, role: 'viewer' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.suggestion).toMatchObject({
      id: suggestionId,
      status: 'OPEN',
      templateId: 'github-pr-opened-to-slack',
      parameters: { channel: '#reviews' },
      pattern: { id: patternId, support: 10 },
      template: { id: 'github-pr-opened-to-slack' },
      user: { id: user.userId },
      workflow: null,
      dismissedAt: null,
      acceptedAt: null,
    });
    expect(response.data!.pattern.suggestion).toEqual({ id: suggestionId });
  });

  it('hides another organization’s suggestion: NOT_FOUND to accept or dismiss, null to read', async () => {
    const { suggestionId } = await offeredTo(member());
    const outsider = { userId: randomUUID(), orgId: orgB, role: 'owner' as const };
    expect(codeOf(await accept(suggestionId, outsider))).toBe('NOT_FOUND');
    expect(codeOf(await dismiss(suggestionId, outsider))).toBe('NOT_FOUND');
    const read = await h.call('query($id: ID!) { suggestion(id: $id) { id } }', { id: suggestionId }, outsider);
    expect(read.data!.suggestion).toBeNull();
    expect(codeOf(await accept('not-a-uuid', admin))).toBe('VALIDATION_ERROR');
  });

  it('refuses an API key without suggestions:read', async () => {
    const { suggestionId } = await offeredTo(member());
    const response = await h.call(
      'query($id: ID!) { suggestion(id: $id) { id } }',
      { id: suggestionId },
      { ...admin, authMethod: 'api_key', scopes: ['patterns:read'] },
    );
    expect(codeOf(response)).toBe('FORBIDDEN');
  });

  const page = (userIds: string[], identity: object, args: { first?: number; after?: string; status?: string } = {}) =>
    h.call(
      `query($reps: [_Any!]!, $first: Int, $after: String, $status: SuggestionStatus) { _entities(representations: $reps) { ... on User { id
        suggestions(first: $first, after: $after, status: $status) { edges { node { id status pattern { id } } } pageInfo { hasNextPage endCursor } } } } }`,
      { reps: userIds.map((id) => ({ __typename: 'User', id })), ...args },
      identity,
    );

  it('pages User.suggestions, most recently offered first, filtered by status', async () => {
    const user = member();
    for (const sequence of [PR_TO_SLACK, ISSUES_TO_TEAMS, DRIVE_TO_SLACK]) {
      await h.insertPattern(orgA, user.userId, { sequence, support: 9 });
      await h.mine(orgA, user.userId); // one offer at a time: distinct offer times
    }
    const all = await page([user.userId], user);
    expect(all.errors).toBeUndefined();
    const ids = all.data!._entities[0].suggestions.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toHaveLength(3);
    const newestFirst = (await rowsOf(user.userId)).sort((a, b) => b.offered_at.getTime() - a.offered_at.getTime()).map((r) => r.id);
    expect(ids).toEqual(newestFirst);

    const first = (await page([user.userId], user, { first: 2 })).data!._entities[0].suggestions;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await page([user.userId], user, { first: 2, after: first.pageInfo.endCursor })).data!._entities[0].suggestions;
    expect([...first.edges, ...rest.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual(ids);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    await dismiss(ids[1], user);
    const open = (await page([user.userId], user, { status: 'OPEN' })).data!._entities[0].suggestions.edges;
    expect(open.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0], ids[2]]);
    const dismissed = (await page([user.userId], user, { status: 'DISMISSED', first: 1 })).data!._entities[0].suggestions;
    expect(dismissed.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
    const tampered = await page([user.userId], user, { after: Buffer.from('["yesterday", "x"]').toString('base64url') });
    expect(tampered.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'after' }] });
  });

  it('loads suggestions (and their patterns) of 1 and of 50 users with the same number of statements', async () => {
    const user = member();
    await offeredTo(user);
    const counter = statementCounter(h.orm);
    await page([user.userId], user);
    const forOne = counter.count();
    expect(forOne).toBeGreaterThan(0);
    counter.reset();
    const others = Array.from({ length: 49 }, () => randomUUID());
    const many = await page([user.userId, ...others], user);
    expect(counter.count()).toBe(forOne);
    expect(many.data!._entities[0].suggestions.edges).toHaveLength(1);
  });
});

describe('the Workflow client', () => {
  it('keeps the template catalog in memory', async () => {
    const scope = { orgId: orgA, userId: admin.userId };
    const catalog = await h.workflowClient.templates(scope);
    expect(catalog.find((t) => t.id === 'github-pr-opened-to-slack')).toMatchObject({ parameters: ['channel'], pattern: PR_TO_SLACK });
    expect(await h.workflowClient.templates(scope)).toBe(catalog);
  });

  it('turns a Workflow subgraph that does not answer into a clear error', async () => {
    const down = new WorkflowClient({ origin: await closedOrigin(), identitySecret: h.config.IDENTITY_SECRET });
    const failure = down.createWorkflowFromTemplate(
      { ...admin, requestId: randomUUID(), scopes: [], authMethod: 'jwt' },
      { templateId: 'x', name: 'x', parameters: {} },
    );
    await expect(failure).rejects.toBeInstanceOf(WorkflowUnavailableError);
    await expect(failure).rejects.toThrow(/did not answer/);
  });

  it('passes on UNAVAILABLE when the Workflow subgraph’s database is out, so the caller retries', async () => {
    // Only this test's database: no new connections for the app role, and its open ones are ended.
    await h.owner(`alter database ${h.db.name} connection limit 0`);
    await h.owner(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = $2`, [
      h.db.name,
      loadConfig().DATABASE_APP_ROLE,
    ]);
    try {
      const failure = h.workflowClient.createWorkflowFromTemplate(
        { ...admin, requestId: randomUUID(), scopes: [], authMethod: 'jwt' },
        { templateId: 'x', name: 'x', parameters: {} },
      );
      await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE', extensions: { code: 'UNAVAILABLE', retryAfter: 5 } });
    } finally {
      await h.owner(`alter database ${h.db.name} connection limit -1`);
    }
  });
});

/** An origin nothing listens on (a port just released). */
async function closedOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
