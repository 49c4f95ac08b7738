import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  startSlackServer,
  startTestAuthorizationServer,
  type SlackServer,
  type TestAuthorizationServer,
} from '@flowgraph/integration/testing';
import { freeRange, startPlatform, type PlatformRun } from '../../scripts/test/helpers';
import { SCREENSHOTS, checkPage, launchChromium } from '../support/browser-kit';
import { prThenReviewPostSessions } from '../support/live-kit';

/**
 * The product in a real browser (Debian's Chromium, headless) against the platform started as
 * `npm start` starts it: the built web app served by the gateway, the four subgraphs and their
 * workers, trusted documents enforced (the app sends only ids from its manifest). Slack is a
 * local server speaking Slack's API, connected through a real OAuth server (oidc-provider).
 */
jest.setTimeout(300_000);

const CLIENT = { id: 'flowgraph-web-e2e', secret: 'flowgraph-web-e2e-secret' };
let provider: TestAuthorizationServer;
let slack: SlackServer;
let platform: PlatformRun;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  // The OAuth redirect URI names the gateway, so its port is chosen before either starts: below
  // the ephemeral range, so no outgoing connection of another test takes it in the meantime, and
  // on 127.0.0.1, where the gateway listens (`localhost` may reach another server on ::1).
  const gatewayPort = await freeRange(1);
  origin = `http://127.0.0.1:${gatewayPort}`;
  provider = await startTestAuthorizationServer({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    redirectUri: `${origin}/oauth/callback`,
    scopes: ['chat:write', 'users:read', 'users:read.email'],
    accessTokenTtl: 3600,
  });
  slack = await startSlackServer({ token: (token) => provider.isActive(token) });
  platform = await startPlatform('web', {
    ports: { GATEWAY_PORT: gatewayPort },
    env: {
      PUBLIC_URL: origin,
      WEB_APP_URL: origin,
      TRUSTED_DOCUMENTS_MODE: 'enforce',
      CONNECTOR_SLACK_API_URL: slack.url,
      CONNECTOR_SLACK_AUTHORIZE_URL: provider.authorizeUrl,
      CONNECTOR_SLACK_TOKEN_URL: provider.tokenUrl,
      CONNECTOR_SLACK_REVOKE_URL: provider.revokeUrl,
      CONNECTOR_SLACK_CLIENT_ID: CLIENT.id,
      CONNECTOR_SLACK_CLIENT_SECRET: CLIENT.secret,
    },
  });
  await platform.unlessExited(
    new Promise<void>((resolve) =>
      platform.child.stdout!.on('data', () => platform.output().includes('Press Ctrl-C to stop.') && resolve()),
    ),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.cleanUp();
  await slack?.close();
  await provider?.stop();
});

/** A page whose uncaught errors and failed requests fail the test that made it. */
async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  return { page, problems };
}

/** The signed-in session the app keeps (web/src/session/session-store.ts). */
async function sessionOf(page: Page): Promise<{ accessToken: string }> {
  return JSON.parse((await page.evaluate(() => localStorage.getItem('flowgraph.session')))!);
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const check = await checkPage(page, name);
  expect({ page: name, violations: check.violations }).toEqual({ page: name, violations: [] });
}

const owner = {
  name: 'Ada Lovelace',
  email: `ada-${Date.now()}@engines.test`,
  password: 'correct horse battery',
  org: 'Analytical Engines',
};
const invitee = { name: 'Charles Babbage', email: `charles-${Date.now()}@engines.test`, password: 'difference engine 2' };

/** Pages visited, for the 360 px tour: name → path. */
const visited = new Map<string, string>();

async function visit(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  visited.set(name, new URL(page.url()).pathname + new URL(page.url()).search);
}

/** Ingests events through the REST API (client rest-v1), as a partner's tool would. */
async function ingest(page: Page, events: ReturnType<typeof prThenReviewPostSessions>): Promise<void> {
  const { accessToken } = await sessionOf(page);
  const response = await fetch(`${origin}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      events: events.map((e) => ({
        idempotency_key: e.idempotencyKey,
        event_type: e.eventType,
        tool: e.tool,
        occurred_at: e.occurredAt,
        payload: e.payload,
      })),
    }),
  });
  expect(response.status).toBe(200);
}

describe('the web app in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let workflowPath = '';
  afterAll(() => context?.close());
  // Where each test left the page: the picture to look at when one fails.
  afterEach(async () => {
    const name = (expect.getState().currentTestName ?? 'test').replace(/\W+/g, '-').slice(0, 80);
    await page?.screenshot({ path: path.join(SCREENSHOTS, `after-${name}.png`), fullPage: true });
  });

  it('signs up a new owner, who lands on the dashboard', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    ({ page, problems } = await openPage(context));
    await page.goto(`${origin}/`);
    await page.waitForURL(`${origin}/login`);
    await visit(page, 'login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    // The form checks before it sends.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Enter your name').waitFor();
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByLabel('Organization name').fill(owner.org);
    await visit(page, 'signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await visit(page, 'dashboard');
    expect(problems).toEqual([]);
  });

  it('connects Slack through the OAuth server and comes back to the integration', async () => {
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('button', { name: 'Connect Slack' }).click();
    await page.getByLabel('Connection name').fill('Team Slack');
    await visit(page, 'integration-connect');
    await page.getByRole('button', { name: 'Continue to Slack' }).click();
    // The provider's consent (approved by the test server), its redirect to the gateway's callback, and back.
    await page.waitForURL(/\/integrations\/[0-9a-f-]{36}\?status=connected$/, { timeout: 30_000 });
    await page.getByTestId('integration-status').filter({ hasText: 'Connected' }).waitFor();
    await visit(page, 'integration');
    await page.getByRole('link', { name: 'Integrations', exact: true }).click();
    await page.getByText('Team Slack').first().waitFor();
    await visit(page, 'integrations');
    expect(problems).toEqual([]);
  });

  it('shows a suggestion the moment it is made, accepts and activates it, and opens the workflow in the builder', async () => {
    await page.getByRole('link', { name: 'Suggestions' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await ingest(page, prThenReviewPostSessions());
    const list = page.getByRole('list', { name: 'Open suggestions' });
    const accept = list.getByRole('button', { name: /^Accept “/ }).first();
    await accept.waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await visit(page, 'suggestions');
    await accept.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Activate now').check();
    await expectAccessible(page, 'suggestion-accept');
    await dialog.getByRole('button', { name: 'Create workflow' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    workflowPath = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Save version' }).waitFor();
    await visit(page, 'workflow-builder');
    expect(problems).toEqual([]);
  });

  it('adds a step by drag and drop, connects it, saves, publishes, runs the workflow and watches it succeed live', async () => {
    // Palette and canvas both in view: a drag that scrolls the page would pick up another entry.
    await page.setViewportSize({ width: 1280, height: 1600 });
    const canvas = page.locator('.builder-canvas');
    const steps = () => page.locator('.react-flow__node');
    const before = await steps().count();
    await page.locator('li[draggable]', { has: page.getByRole('button', { name: 'Add Delay' }) }).dragTo(canvas);
    await steps().nth(before).waitFor();
    // The dropped step is selected: its form asks for what a delay needs.
    const form = page.locator('.builder-panel').first();
    // Long enough to see the run in progress before it ends.
    await form.getByLabel(/^ms/).fill('3000');
    // The template's Slack step runs it next.
    await page
      .getByRole('group', { name: /^Step post / })
      .or(page.getByLabel(/^Step post /))
      .first()
      .click();
    const panel = page.locator('.builder-panel').first();
    await panel.getByLabel('Then run').selectOption('delay');
    await panel.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('Saved as version 2. It is not live until published.').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('button:disabled', { hasText: /^Publish$/ }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page
      .getByTestId('execution-status')
      .filter({ hasText: /QUEUED|RUNNING/ })
      .waitFor();
    // Then the subscription brings the end, without a reload.
    await page.getByTestId('execution-status').filter({ hasText: 'SUCCEEDED' }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await visit(page, 'execution');
    // Slack received the message the run posted.
    expect(slack.messages.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('invites a member, who opens the link, creates an account in that organization and appears among its members', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Invite member' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(invitee.email);
    await page.getByRole('button', { name: 'Invite member' }).click();
    const link = await page.getByRole('textbox', { name: `Invitation link for ${invitee.email}` }).inputValue();
    expect(link).toMatch(new RegExp(`^${origin}/invitations/accept\\?token=`));
    await visit(page, 'settings-members');

    // The invitee, on a phone, in a browser of their own.
    const theirs = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const { page: invited, problems: theirProblems } = await openPage(theirs);
      await invited.goto(link);
      await invited.getByRole('link', { name: 'Create an account' }).waitFor();
      await visit(invited, 'invitation-accept');
      await invited.getByRole('link', { name: 'Create an account' }).click();
      await invited.getByLabel('Your name').fill(invitee.name);
      await invited.getByLabel('Email').fill(invitee.email);
      await invited.getByLabel('Password').fill(invitee.password);
      // Joining: no organization of their own to name.
      expect(await invited.getByLabel('Organization name').count()).toBe(0);
      await invited.getByRole('button', { name: 'Create account' }).click();
      await invited.waitForURL(`${origin}/`);
      await invited.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await invited.getByText(owner.org).first().waitFor();
      expect(theirProblems).toEqual([]);
    } finally {
      await theirs.close();
    }
    await page.reload();
    await page.getByText(invitee.email).first().waitFor();
    expect(problems).toEqual([]);
  });

  it('passes axe and fits 360 px on every page, with a screenshot of each', async () => {
    const pages: [string, string][] = [
      ['workflows', '/workflows'],
      ['workflow-versions', `${workflowPath}/versions`],
      ['workflow-triggers', `${workflowPath}/triggers`],
      ['workflow-executions', `${workflowPath}/executions`],
      ['reports', '/reports'],
      ['settings-api-keys', '/settings/api-keys'],
      ['settings-sessions', '/settings/sessions'],
      ['settings-audit', '/settings/audit'],
      ['settings-organization', '/settings/organization'],
      ['settings-account', '/settings/account'],
      ['explorer', '/explorer'],
      ...[...visited].filter(([name]) => !['login', 'signup', 'invitation-accept'].includes(name)),
    ];
    await page.setViewportSize({ width: 360, height: 740 });
    const failures: unknown[] = [];
    for (const [name, where] of pages) {
      await page.goto(`${origin}${where}`);
      await page.locator('main h1, .graphiql-container').first().waitFor();
      // Lists and charts settle: no "Loading…" left.
      await page.waitForFunction(() => !document.querySelector('main [role="status"].muted')?.textContent?.startsWith('Loading'));
      const check = await checkPage(page, `${name}-360`);
      // GraphiQL's own tab markup (a button inside its role="tab" item) is the one violation we do not
      // control; any other, there or anywhere, fails.
      const violations = check.violations.filter((v) => !(name === 'explorer' && v.id === 'nested-interactive' && v.target === 'li'));
      if (violations.length > 0 || check.overflows) failures.push({ name, violations, overflows: check.overflows });
    }
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
  });
});
