import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintRules, type LintRule } from './types';

/** The checker's settings, committed at the repository root. */
export const CONFIG_FILE = 'schema-governance.json';

export interface LintConfig {
  /**
   * Deliberate, permanent exceptions: rule → coordinate pattern → why. A pattern is a schema
   * coordinate where `*` stands for any part of one name (`*Edge.cursor`, `PageInfo.*`).
   */
  exemptions: Partial<Record<LintRule, Record<string, string>>>;
  /** Findings that predate the rule (debt): rule → exact coordinates. `--update-baseline` rewrites it. */
  baseline: Partial<Record<LintRule, string[]>>;
}

export interface GovernanceConfig {
  /** Folder of registered clients, one `<name>/persisted-documents.json` each. Default: `clients`. */
  clientsDir: string;
  /** Refs tried, in order, for "main" with `--ci`. Default: `origin/main`, `main`. */
  mainRefs: string[];
  lint: LintConfig;
}

export class ConfigError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function ruleMap<T>(value: unknown, where: string, check: (entry: unknown, at: string) => T): Partial<Record<LintRule, T>> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new ConfigError(`${where} must be an object keyed by lint rule`);
  const out: Partial<Record<LintRule, T>> = {};
  for (const [rule, entry] of Object.entries(value)) {
    if (!(lintRules as readonly string[]).includes(rule))
      throw new ConfigError(`${where}.${rule}: unknown lint rule (known: ${lintRules.join(', ')})`);
    out[rule as LintRule] = check(entry, `${where}.${rule}`);
  }
  return out;
}

function reasons(entry: unknown, at: string): Record<string, string> {
  if (!isRecord(entry)) throw new ConfigError(`${at} must map coordinate patterns to reasons`);
  for (const [pattern, reason] of Object.entries(entry)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new ConfigError(`${at}["${pattern}"] needs a reason`);
  }
  return entry as Record<string, string>;
}

function coordinates(entry: unknown, at: string): string[] {
  if (!Array.isArray(entry) || entry.some((c) => typeof c !== 'string')) throw new ConfigError(`${at} must be a list of coordinates`);
  return entry as string[];
}

/** Reads `<root>/schema-governance.json`; every setting has a default, so the file is optional. */
export function loadConfig(root: string): GovernanceConfig {
  const file = join(root, CONFIG_FILE);
  let json: unknown = {};
  if (existsSync(file)) {
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${CONFIG_FILE}: ${(error as Error).message}`);
    }
  }
  if (!isRecord(json)) throw new ConfigError(`${CONFIG_FILE} must hold a JSON object`);
  const lint = json.lint ?? {};
  if (!isRecord(lint)) throw new ConfigError(`${CONFIG_FILE}: lint must be an object`);
  const mainRefs = json.mainRefs ?? ['origin/main', 'main'];
  if (!Array.isArray(mainRefs) || mainRefs.some((r) => typeof r !== 'string'))
    throw new ConfigError(`${CONFIG_FILE}: mainRefs must be a list of git refs`);
  return {
    clientsDir: typeof json.clientsDir === 'string' ? json.clientsDir : 'clients',
    mainRefs: mainRefs as string[],
    lint: {
      exemptions: ruleMap(lint.exemptions, 'lint.exemptions', reasons),
      baseline: ruleMap(lint.baseline, 'lint.baseline', coordinates),
    },
  };
}

/** Replaces the file's `lint.baseline` with `baseline`, keeping everything else as written. */
export function writeBaseline(root: string, baseline: Partial<Record<LintRule, string[]>>): void {
  const file = join(root, CONFIG_FILE);
  const json = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const lint = isRecord(json.lint) ? json.lint : {};
  json.lint = { ...lint, baseline };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** A coordinate pattern as a RegExp: `*` matches any run of name characters within one part. */
export function coordinatePattern(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[_A-Za-z0-9]*');
  return new RegExp(`^${source}$`);
}
