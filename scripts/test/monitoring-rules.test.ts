import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './helpers';

/**
 * The alert rules (deploy/monitoring/prometheus) checked by Prometheus's own tool: `promtool
 * check rules` (syntax, PromQL) and `promtool test rules` (alerts.test.yml: synthetic series
 * that fire each alert and series that must not). promtool comes from Debian's `prometheus`
 * package (.ci/run installs it when missing).
 */
const dir = path.join(repoRoot, 'deploy/monitoring/prometheus');

interface Rule {
  alert?: string;
  record?: string;
  annotations?: Record<string, string>;
}
interface AlertTest {
  alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[];
}

const rules = (parse(readFileSync(path.join(dir, 'alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const alerts = rules.filter((rule): rule is Rule & { alert: string } => rule.alert !== undefined);

function promtool(...args: string[]): { status: number | null; output: string } {
  const found = spawnSync('promtool', ['--version']);
  if (found.error)
    throw new Error('promtool is not installed: apt-get install -y --no-install-recommends prometheus (it ships /usr/bin/promtool)');
  const run = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

it('passes promtool check rules', () => {
  const { status, output } = promtool('check', 'rules', 'alerts.yml');
  expect(output).toContain('SUCCESS');
  expect(status).toBe(0);
});

it("passes promtool's unit tests, and they make every alert fire at least once", () => {
  const { status, output } = promtool('test', 'rules', 'alerts.test.yml');
  expect(output).toContain('SUCCESS');
  expect(status).toBe(0);
  const tests = (parse(readFileSync(path.join(dir, 'alerts.test.yml'), 'utf8')) as { tests: AlertTest[] }).tests;
  const fired = new Set(
    tests
      .flatMap((t) => t.alert_rule_test ?? [])
      .filter((t) => t.exp_alerts.length > 0)
      .map((t) => t.alertname),
  );
  expect(alerts.map((a) => a.alert).filter((name) => !fired.has(name))).toEqual([]);
});

it('gives every alert a summary, a description and a runbook section that docs/operations.md has', () => {
  const operations = readFileSync(path.join(repoRoot, 'docs/operations.md'), 'utf8');
  // GitHub's anchors: the heading in lower case, spaces to dashes, punctuation dropped.
  const anchors = new Set(
    [...operations.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );
  for (const { alert, annotations } of alerts) {
    expect({ alert, summary: Boolean(annotations?.summary), description: Boolean(annotations?.description) }).toEqual({
      alert,
      summary: true,
      description: true,
    });
    const [file, anchor] = (annotations?.runbook ?? '').split('#');
    expect({ alert, file, known: anchors.has(anchor) }).toEqual({ alert, file: 'docs/operations.md', known: true });
  }
});

it('names each alert once: a runbook and a page are found by name', () => {
  const names = alerts.map((a) => a.alert);
  expect(names.length).toBeGreaterThan(0);
  expect(new Set(names).size).toBe(names.length);
});
