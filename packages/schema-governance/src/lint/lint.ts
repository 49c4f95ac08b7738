import type { GraphQLSchema } from 'graphql';
import { coordinatePattern, type LintConfig } from '../config';
import type { Ownership } from '../ownership';
import type { LintRule, LintSection } from '../types';
import { lintSchema, type RawFinding } from './rules';

export interface LintOutcome {
  section: LintSection;
  /** Every finding not exempted, as a baseline (what `--update-baseline` writes). */
  baseline: Partial<Record<LintRule, string[]>>;
}

const key = (rule: string, coordinate: string) => `${rule} ${coordinate}`;

/**
 * Lints the API schema and sorts the findings: exempted in the configuration (deliberate, with
 * a reason), known in the baseline (debt that predates the rule), or new — only new ones fail.
 */
export function lintWithConfig(schema: GraphQLSchema, config: LintConfig, owners: Ownership): LintOutcome {
  const exemptions = Object.entries(config.exemptions).flatMap(([rule, patterns]) =>
    Object.keys(patterns ?? {}).map((pattern) => ({ rule, pattern, test: coordinatePattern(pattern), used: false })),
  );
  const isExempt = (finding: RawFinding) => {
    const matching = exemptions.filter((e) => e.rule === finding.rule && e.test.test(finding.coordinate));
    for (const exemption of matching) exemption.used = true;
    return matching.length > 0;
  };
  const known = new Set(Object.entries(config.baseline).flatMap(([rule, coordinates]) => (coordinates ?? []).map((c) => key(rule, c))));

  const section: LintSection = { findings: [], baselined: 0, exempted: 0, staleBaseline: [], unusedExemptions: [] };
  const baseline: Partial<Record<LintRule, string[]>> = {};
  const seen = new Set<string>();
  for (const finding of lintSchema(schema)) {
    if (isExempt(finding)) {
      section.exempted++;
      continue;
    }
    const id = key(finding.rule, finding.coordinate);
    seen.add(id);
    (baseline[finding.rule] ??= []).push(finding.coordinate);
    if (known.has(id)) section.baselined++;
    else section.findings.push({ ...finding, subgraphs: owners(finding.coordinate) });
  }
  section.staleBaseline = [...known].filter((id) => !seen.has(id)).sort();
  section.unusedExemptions = exemptions.filter((e) => !e.used).map((e) => key(e.rule, e.pattern));
  for (const coordinates of Object.values(baseline)) coordinates?.sort();
  return { section, baseline };
}
