import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addScrapedGauge, createOrm, createProcessRegistry } from '@flowgraph/kernel';
import { createTestDatabase, type TestDatabase } from '@flowgraph/kernel/testing';
import { platformFigureGauges } from '../src/modules/reporting/platform-figures.metrics';

let db: TestDatabase;
let orm: MikroORM;
let owner: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('platformfig');
  orm = await createOrm({ url: db.appUrl, entities: [] });
  owner = await createOrm({ url: db.ownerUrl, entities: [] });
});

afterAll(async () => {
  await orm.close(true);
  await owner.close(true);
  await db.drop();
});

const now = new Date('2026-03-10T12:00:00Z');
const yesterday = '2026-03-09';
const [orgA, orgB] = [randomUUID(), randomUUID()];

/** Seeds as the owner: the aggregates of two organizations (RLS would hide each from the other). */
async function seed(): Promise<void> {
  const sql = (text: string, params: unknown[]) => owner.em.getConnection().execute(text, params);
  const activity = `insert into analytics.daily_activity (org_id, day, active_users, monthly_active_users, workflows_created,
    executions_succeeded, executions_failed, suggestions_offered, suggestions_accepted, suggestions_dismissed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  await sql(activity, [orgA, yesterday, 3, 10, 2, 40, 4, 6, 2, 1]);
  await sql(activity, [orgB, yesterday, 5, 7, 1, 10, 0, 1, 1, 0]);
  // Another day and an idle organization: not yesterday's figures, and not an active organization.
  await sql(activity, [orgA, '2026-03-08', 99, 99, 99, 99, 99, 99, 99, 99]);
  await sql(activity, [randomUUID(), yesterday, 0, 0, 0, 0, 0, 0, 0, 0]);
  const tool = `insert into analytics.daily_tool_events (org_id, day, tool, events) values (?, ?, ?, ?)`;
  await sql(tool, [orgA, yesterday, 'github', 12]);
  await sql(tool, [orgB, yesterday, 'github', 3]);
  await sql(tool, [orgB, yesterday, 'slack', 1]);
  const member = `insert into analytics.user_milestones (org_id, user_id, signed_up_at, first_event_at, first_workflow_at, first_successful_run_at)
    values (?, ?, ?, ?, ?, ?)`;
  const joined = '2026-03-01T10:00:00Z';
  await sql(member, [orgA, randomUUID(), joined, joined, joined, joined]);
  await sql(member, [orgA, randomUUID(), joined, joined, joined, null]);
  await sql(member, [orgB, randomUUID(), joined, joined, null, null]);
  // A workflow without a first event is not past the funnel's second step.
  await sql(member, [orgB, randomUUID(), joined, null, joined, null]);
  // Joined before the 30 days: not in the funnel.
  await sql(member, [orgB, randomUUID(), '2026-01-01T10:00:00Z', joined, joined, joined]);
}

it("exposes yesterday's platform totals, tool adoption and the 30-day activation funnel, across organizations", async () => {
  await seed();
  const registry = createProcessRegistry('analytics-worker');
  let clock = now;
  for (const gauge of platformFigureGauges(orm, () => clock)) addScrapedGauge(registry, gauge);
  const value = (text: string, series: string) =>
    Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const text = await registry.metrics();
  const day = (figure: string) => value(text, `analytics_platform_day{figure="${figure}",service="analytics-worker"}`);
  expect(day('active_users')).toBe(8);
  expect(day('monthly_active_users')).toBe(17);
  expect(day('workflows_created')).toBe(3);
  expect(day('executions_succeeded')).toBe(50);
  expect(day('executions_failed')).toBe(4);
  expect(day('suggestions_offered')).toBe(7);
  expect(day('suggestions_accepted')).toBe(3);
  expect(day('active_organizations')).toBe(2);
  expect(value(text, 'analytics_tool_organizations{tool="github",service="analytics-worker"}')).toBe(2);
  expect(value(text, 'analytics_tool_organizations{tool="slack",service="analytics-worker"}')).toBe(1);
  const funnel = (step: string) => value(text, `analytics_activation_funnel{step="${step}",service="analytics-worker"}`);
  expect([funnel('joined'), funnel('first_event'), funnel('first_workflow'), funnel('first_successful_run')]).toEqual([4, 3, 2, 1]);

  // Read once per five minutes: a new aggregate shows after that, not at the next scrape.
  await owner.em
    .getConnection()
    .execute(`update analytics.daily_activity set active_users = 30 where org_id = ? and day = ?`, [orgA, yesterday]);
  expect(value(await registry.metrics(), 'analytics_platform_day{figure="active_users",service="analytics-worker"}')).toBe(8);
  clock = new Date(now.getTime() + 5 * 60_000);
  expect(value(await registry.metrics(), 'analytics_platform_day{figure="active_users",service="analytics-worker"}')).toBe(35);
});
