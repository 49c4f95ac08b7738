import type { ChangeClass, SchemaReport } from '../types';

/** The report in a few lines for the terminal and the CI log (the files hold the detail). */
export function summaryLines(report: SchemaReport): string[] {
  const lines = [`schema-check: ${report.result.toUpperCase()}`];
  const { composition } = report;
  lines.push(
    composition.ok
      ? `  composition: ${composition.subgraphs.length} subgraphs compose (${composition.hints} hints); gateway/supergraph.graphql is ${composition.committedSupergraph}`
      : `  composition: FAILED with ${composition.errors.length} error(s)`,
  );
  for (const comparison of report.comparisons) {
    const count = (cls: ChangeClass) => comparison.changes.filter((c) => c.class === cls).length;
    const detail =
      comparison.status === 'compared'
        ? `${count('breaking')} breaking (${comparison.changes.filter((c) => c.class === 'breaking' && c.usedBy.length > 0).length} used by registered operations), ${count('dangerous')} dangerous, ${count('safe')} safe`
        : `${comparison.status}: ${comparison.note ?? ''}`;
    lines.push(`  against ${comparison.base}: ${detail}`);
  }
  const operations = report.operations.clients.reduce((sum, c) => sum + c.operations, 0);
  const validated = composition.ok ? `${report.operations.broken.length} broken` : 'not validated (nothing composed)';
  lines.push(`  operations: ${report.operations.clients.length} client(s), ${operations} operation(s), ${validated}`);
  if (composition.ok) {
    const used = report.deprecations.filter((d) => d.usedBy.length > 0).length;
    lines.push(`  deprecations: ${report.deprecations.length} (${used} still used)`);
    lines.push(
      `  lint: ${report.lint.findings.length} new, ${report.lint.baselined} baselined, ${report.lint.exempted} exempted, ${report.lint.staleBaseline.length} stale baseline entries`,
    );
  }
  for (const failure of report.failures) lines.push(`  FAIL ${failure}`);
  for (const warning of report.warnings) lines.push(`  warn ${warning}`);
  return lines;
}
