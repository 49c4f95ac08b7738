/** What `schema-check` found: written as schema-report.json, rendered as schema-report.md. */
export interface SchemaReport {
  /** Bumped when a field changes meaning or goes away. */
  version: 1;
  result: 'pass' | 'fail';
  /** Why the check fails, one line each (empty when it passes). */
  failures: string[];
  /** What a reviewer should look at although it does not fail the check. */
  warnings: string[];
  composition: CompositionSection;
  /** The new API schema against each base: the committed supergraph, then main or `--base`. */
  comparisons: Comparison[];
  operations: OperationsSection;
  deprecations: DeprecationUse[];
  lint: LintSection;
}

export interface CompositionSection {
  ok: boolean;
  subgraphs: string[];
  errors: CompositionProblem[];
  hints: number;
  /** Whether gateway/supergraph.graphql equals a fresh composition (`unknown` when composition failed). */
  committedSupergraph: 'fresh' | 'stale' | 'missing' | 'unknown';
}

/** One composition error: the composer's code and message, and the subgraphs and fields it names. */
export interface CompositionProblem {
  code: string;
  message: string;
  subgraphs: string[];
  coordinates: string[];
}

export type ChangeClass = 'breaking' | 'dangerous' | 'safe';

/** A registered operation: the client whose manifest holds it, its name (or id) and its id. */
export interface OperationRef {
  client: string;
  operation: string;
  id: string;
}

export interface ClassifiedChange {
  class: ChangeClass;
  /** @graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  message: string;
  /** Schema coordinate the change is about (`Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`). */
  path?: string;
  /** Why the change is breaking or dangerous, when the inspector says. */
  reason?: string;
  /** Subgraphs defining the coordinate (in the new supergraph, else in the base). */
  subgraphs: string[];
  /** Registered operations that touch the coordinate. */
  usedBy: OperationRef[];
}

export interface Comparison {
  /** What the new schema is compared with, e.g. `gateway/supergraph.graphql` or `main (origin/main)`. */
  base: string;
  /** The commit read, for git bases. */
  commit?: string;
  status: 'compared' | 'same' | 'skipped';
  /** One line explaining `same` or `skipped`. */
  note?: string;
  changes: ClassifiedChange[];
}

export interface ClientOperations {
  client: string;
  file: string;
  operations: number;
  /** Why the gateway would refuse this manifest, if it would. */
  refused?: string;
}

export interface BrokenOperation extends OperationRef {
  errors: string[];
}

export interface OperationsSection {
  clients: ClientOperations[];
  /** Registered operations that do not validate against the new API schema. */
  broken: BrokenOperation[];
}

export interface DeprecationUse {
  coordinate: string;
  reason: string;
  subgraphs: string[];
  usedBy: OperationRef[];
}

export const lintRules = ['naming', 'description', 'mutation-payload', 'list-connection', 'deprecation-reason'] as const;
export type LintRule = (typeof lintRules)[number];

export interface LintFinding {
  rule: LintRule;
  coordinate: string;
  message: string;
  subgraphs: string[];
}

export interface LintSection {
  /** Findings neither exempted nor in the baseline: these fail the check. */
  findings: LintFinding[];
  /** Known findings recorded in the baseline (debt; pass). */
  baselined: number;
  /** Findings exempted in the configuration, with a reason (pass). */
  exempted: number;
  /** Baseline entries that no longer occur, as `rule coordinate`: run `--update-baseline`. */
  staleBaseline: string[];
  /** Exemption patterns that match no finding, as `rule pattern`: remove them. */
  unusedExemptions: string[];
}
