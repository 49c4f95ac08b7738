import { validate, type GraphQLSchema } from 'graphql';
import { baseAtMain, baseAtRef, committedBase, compareWith, type Base } from './comparisons';
import { apiSchemaOf, composeWorkspace, describeCompositionErrors, readCommittedSupergraph } from './composition';
import { loadConfig, writeBaseline } from './config';
import { deprecationUses } from './deprecations';
import { lintWithConfig } from './lint/lint';
import { ownership, supergraphOwners } from './ownership';
import { loadRegistry, operationLabel, type RegisteredOperation } from './registry';
import { subgraphNames } from '@flowgraph/supergraph';
import type { BrokenOperation, ClassifiedChange, SchemaReport } from './types';

export interface CheckOptions {
  /** Repository root (or a fixture shaped like one): subgraphs/, gateway/supergraph.graphql, clients/, schema-governance.json. */
  root: string;
  /** CI mode: also compare with main, and fail on a stale gateway/supergraph.graphql. */
  ci?: boolean;
  /** Git refs whose gateway/supergraph.graphql to compare with (`--base`). */
  bases?: string[];
  /** Rewrite the lint baseline in schema-governance.json with today's findings. */
  updateBaseline?: boolean;
}

const users = (change: ClassifiedChange) => change.usedBy.map(operationLabel).join(', ');
const describeChange = (change: ClassifiedChange) => `${change.type}${change.path ? ` ${change.path}` : ''} (${change.message})`;

function brokenOperations(schema: GraphQLSchema, operations: RegisteredOperation[]): BrokenOperation[] {
  return operations.flatMap(({ client, operation, id, document }) => {
    const errors = validate(schema, document).map((e) => e.message);
    return errors.length > 0 ? [{ client, operation, id, errors }] : [];
  });
}

/**
 * The whole check, in order: compose, compare with each base, validate registered operations,
 * deprecations, lint. Returns the report; `result` is `fail` when any step found a failure.
 */
export async function runSchemaCheck(options: CheckOptions): Promise<SchemaReport> {
  const { root } = options;
  const config = loadConfig(root);
  const registry = loadRegistry(root, config.clientsDir);
  const committed = readCommittedSupergraph(root);
  // Bases first: an unknown --base ref stops the check before any work.
  const bases: Base[] = [committedBase(committed, root)];
  if (options.ci) bases.push(baseAtMain(root, config.mainRefs));
  for (const ref of options.bases ?? []) bases.push(baseAtRef(root, ref));
  const outcome = composeWorkspace(root);
  const failures: string[] = [];
  const warnings: string[] = [];

  const report: SchemaReport = {
    version: 1,
    result: 'pass',
    failures,
    warnings,
    composition: {
      ok: outcome.ok,
      subgraphs: [...subgraphNames],
      errors: [],
      hints: 0,
      committedSupergraph: committed === undefined ? 'missing' : 'unknown',
    },
    comparisons: [],
    operations: { clients: registry.clients, broken: [] },
    deprecations: [],
    lint: { findings: [], baselined: 0, exempted: 0, staleBaseline: [], unusedExemptions: [] },
  };
  for (const client of registry.clients) {
    if (client.refused) failures.push(`${client.file} would be refused by the gateway: ${client.refused}`);
  }
  for (const folder of registry.ignored)
    warnings.push(`${folder} is ignored by the gateway (not a client name, or no persisted-documents.json)`);

  if (!outcome.ok) {
    report.composition.errors = describeCompositionErrors(outcome.errors);
    for (const error of report.composition.errors) failures.push(`composition: ${error.message}`);
    report.result = 'fail';
    return report;
  }

  report.composition.hints = outcome.hints.length;
  const schema = apiSchemaOf(outcome.supergraphSdl);
  const ownerTable = supergraphOwners(outcome.supergraphSdl);
  const owners = ownership(ownerTable);
  if (committed !== undefined) {
    report.composition.committedSupergraph = committed === outcome.supergraphSdl ? 'fresh' : 'stale';
    if (committed !== outcome.supergraphSdl) {
      const line = 'gateway/supergraph.graphql differs from a fresh composition: run `npm run compose` and commit it';
      (options.ci ? failures : warnings).push(line);
    }
  } else {
    (options.ci ? failures : warnings).push('gateway/supergraph.graphql is missing: run `npm run compose`');
  }

  for (const base of bases) {
    const comparison = await compareWith(base, { schema, owners: ownerTable, sdl: outcome.supergraphSdl }, registry.operations);
    report.comparisons.push(comparison);
    if (comparison.status === 'skipped' && comparison.note) warnings.push(comparison.note);
    for (const change of comparison.changes) {
      if (change.class !== 'breaking') continue;
      if (change.usedBy.length > 0)
        failures.push(`breaking change against ${comparison.base}: ${describeChange(change)} breaks ${users(change)}`);
      else warnings.push(`breaking change against ${comparison.base}, used by no registered operation: ${describeChange(change)}`);
    }
  }

  report.operations.broken = brokenOperations(schema, registry.operations);
  for (const broken of report.operations.broken)
    failures.push(`${operationLabel(broken)} does not validate against the new schema: ${broken.errors.join('; ')}`);

  report.deprecations = deprecationUses(schema, registry.operations, owners);
  for (const use of report.deprecations) {
    if (use.usedBy.length > 0)
      warnings.push(`${use.coordinate} is deprecated ("${use.reason}") and still used by ${use.usedBy.map(operationLabel).join(', ')}`);
  }

  let lint = lintWithConfig(schema, config.lint, owners);
  if (options.updateBaseline) {
    writeBaseline(root, lint.baseline);
    lint = lintWithConfig(schema, { ...config.lint, baseline: lint.baseline }, owners);
  }
  report.lint = lint.section;
  for (const finding of lint.section.findings) failures.push(`lint ${finding.rule}: ${finding.message}`);
  if (lint.section.staleBaseline.length > 0)
    warnings.push(
      `lint: ${lint.section.staleBaseline.length} baseline entries no longer found; run \`npm run schema:check -- --update-baseline\``,
    );
  for (const pattern of lint.section.unusedExemptions)
    warnings.push(`lint: exemption ${pattern} matches nothing; remove it from schema-governance.json`);

  report.result = failures.length > 0 ? 'fail' : 'pass';
  return report;
}
