import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots of every page the browser tests visit: CI keeps them as artifacts. */
export const SCREENSHOTS = path.resolve(__dirname, '..', 'artifacts', 'screenshots');

/**
 * Debian's Chromium (`apt-get install chromium`), headless, never a downloaded browser. Without the
 * background-networking flags it keeps dialling Google's hosts, which this machine refuses.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`No Chromium at ${executablePath}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageCheck {
  /** axe-core violations of impact serious or critical: rule id and the first offending element. */
  violations: { id: string; impact: string; help: string; target: string }[];
  /** True when the page is wider than the viewport (a horizontal scroll bar at 360 px). */
  overflows: boolean;
  screenshot: string;
}

/**
 * What every page must pass: axe-core's WCAG A/AA rules with no serious or critical violation,
 * no horizontal overflow at the viewport's width; and a screenshot named `name`.
 */
export async function checkPage(page: Page, name: string): Promise<PageCheck> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const screenshot = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  // Evaluated through the DevTools protocol: the app's CSP (no inline script) stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }),
  )) as axe.AxeResults;
  const violations = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, target: String(v.nodes[0]?.target ?? '') }));
  const overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  return { violations, overflows, screenshot };
}
