import { operationLabel } from '../registry';
import type { ChangeClass, Comparison, OperationRef, SchemaReport } from '../types';

const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const list = (items: string[]) => items.map((item) => `- ${item}`).join('\n');
const refs = (operations: OperationRef[]) => (operations.length > 0 ? operations.map((o) => code(operationLabel(o))).join(', ') : '—');
const subgraphs = (names: string[]) => (names.length > 0 ? names.join(', ') : '—');

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

const classLabel: Record<ChangeClass, string> = { breaking: '🔴 breaking', dangerous: '🟠 dangerous', safe: '🟢 safe' };

function countByClass(comparison: Comparison): string {
  const count = (cls: ChangeClass) => comparison.changes.filter((c) => c.class === cls).length;
  return `${count('breaking')} breaking, ${count('dangerous')} dangerous, ${count('safe')} safe`;
}

function comparisonSection(comparison: Comparison): string {
  const title = `### Against ${code(comparison.base)}${comparison.commit ? ` (${comparison.commit.slice(0, 12)})` : ''}`;
  if (comparison.status !== 'compared') return `${title}\n\n${comparison.status === 'same' ? 'Same' : 'Skipped'}: ${comparison.note ?? ''}`;
  if (comparison.changes.length === 0) return `${title}\n\nNo change to the API schema.`;
  const rows = comparison.changes.map((c) => [
    classLabel[c.class],
    c.message + (c.reason ? ` — ${c.reason}` : ''),
    c.path ? code(c.path) : '—',
    subgraphs(c.subgraphs),
    refs(c.usedBy),
  ]);
  return `${title}\n\n${countByClass(comparison)}.\n\n${table(['class', 'change', 'coordinate', 'subgraphs', 'used by'], rows)}`;
}

/** Each affected registered operation once, with every reason it is listed. */
function affectedClients(report: SchemaReport): string {
  const reasons = new Map<string, { ref: OperationRef; why: string[] }>();
  const add = (ref: OperationRef, why: string) => {
    const key = operationLabel(ref);
    const entry = reasons.get(key) ?? { ref, why: [] };
    entry.why.push(why);
    reasons.set(key, entry);
  };
  for (const comparison of report.comparisons) {
    for (const change of comparison.changes) {
      if (change.class === 'safe') continue;
      for (const user of change.usedBy) add(user, `${classLabel[change.class]} against ${code(comparison.base)}: ${change.message}`);
    }
  }
  for (const broken of report.operations.broken) add(broken, `does not validate: ${broken.errors.join('; ')}`);
  for (const use of report.deprecations) for (const user of use.usedBy) add(user, `uses deprecated ${code(use.coordinate)}`);
  if (reasons.size === 0) return 'No registered operation is affected.';
  const rows = [...reasons.values()]
    .sort((a, b) => operationLabel(a.ref).localeCompare(operationLabel(b.ref)))
    .map(({ ref, why }) => [code(ref.client), code(ref.operation), why.join('<br>')]);
  return table(['client', 'operation', 'why'], rows);
}

function compositionSection(report: SchemaReport): string {
  const { composition } = report;
  if (!composition.ok) {
    const rows = composition.errors.map((e) => [
      code(e.code),
      subgraphs(e.subgraphs),
      e.coordinates.map(code).join(', ') || '—',
      e.message,
    ]);
    return `❌ The subgraphs do not compose.\n\n${table(['code', 'subgraphs', 'fields', 'message'], rows)}`;
  }
  const freshness = {
    fresh: '`gateway/supergraph.graphql` equals a fresh composition.',
    stale: '`gateway/supergraph.graphql` is **stale**: run `npm run compose` and commit it.',
    missing: '`gateway/supergraph.graphql` is **missing**: run `npm run compose`.',
    unknown: '',
  }[composition.committedSupergraph];
  return `✅ The ${composition.subgraphs.length} subgraphs (${composition.subgraphs.join(', ')}) compose (${composition.hints} composition hints). ${freshness}`;
}

function operationsSection(report: SchemaReport): string {
  if (report.operations.clients.length === 0) return 'No client has registered operations.';
  const broken = (client: string) => report.operations.broken.filter((b) => b.client === client).length;
  const rows = report.operations.clients.map((c) => [
    code(c.client),
    code(c.file),
    String(c.operations),
    c.refused
      ? `❌ refused by the gateway: ${c.refused}`
      : !report.composition.ok
        ? 'not validated (nothing composed)'
        : broken(c.client) > 0
          ? `❌ ${broken(c.client)} do not validate`
          : '✅ all validate',
  ]);
  return table(['client', 'manifest', 'operations', 'against the new schema'], rows);
}

function deprecationsSection(report: SchemaReport): string {
  if (report.deprecations.length === 0) return 'Nothing is deprecated.';
  const rows = report.deprecations.map((d) => [
    code(d.coordinate),
    d.reason,
    subgraphs(d.subgraphs),
    d.usedBy.length > 0 ? refs(d.usedBy) : 'none: can be removed',
  ]);
  return table(['coordinate', 'reason', 'subgraphs', 'still used by'], rows);
}

function lintSection(report: SchemaReport): string {
  const { lint } = report;
  const summary = `${lint.findings.length} new finding(s), ${lint.baselined} known in the baseline, ${lint.exempted} exempted in \`schema-governance.json\`.`;
  const parts = [summary];
  if (lint.findings.length > 0)
    parts.push(
      table(
        ['rule', 'coordinate', 'subgraphs', 'finding'],
        lint.findings.map((f) => [f.rule, code(f.coordinate), subgraphs(f.subgraphs), f.message]),
      ),
    );
  if (lint.unusedExemptions.length > 0)
    parts.push(`Exemptions that match nothing (remove them):\n\n${list(lint.unusedExemptions.map(code))}`);
  if (lint.staleBaseline.length > 0)
    parts.push(
      `Baseline entries no longer found (run \`npm run schema:check -- --update-baseline\`):\n\n${list(lint.staleBaseline.map(code))}`,
    );
  return parts.join('\n\n');
}

/** The report as Markdown for a pull-request comment: verdict first, then each step. */
export function renderMarkdown(report: SchemaReport): string {
  const verdict = report.result === 'pass' ? '✅ **pass**' : '❌ **fail**';
  const sections = [
    '# Schema report',
    `${verdict}: ${report.failures.length} failure(s), ${report.warnings.length} warning(s).`,
    ...(report.failures.length > 0 ? [`### Failures\n\n${list(report.failures.map(cell))}`] : []),
    ...(report.warnings.length > 0 ? [`### Warnings\n\n${list(report.warnings.map(cell))}`] : []),
    `## Composition\n\n${compositionSection(report)}`,
  ];
  if (report.composition.ok) {
    sections.push(
      `## Changes\n\n${report.comparisons.map(comparisonSection).join('\n\n')}`,
      `## Affected clients\n\n${affectedClients(report)}`,
      `## Registered operations\n\n${operationsSection(report)}`,
      `## Deprecations\n\n${deprecationsSection(report)}`,
      `## Lint\n\n${lintSection(report)}`,
    );
  } else {
    sections.push(
      `## Registered operations\n\n${operationsSection(report)}`,
      'Changes, operations against the new schema, deprecations and lint need a composed schema: fix composition first.',
    );
  }
  return `${sections.join('\n\n')}\n`;
}
