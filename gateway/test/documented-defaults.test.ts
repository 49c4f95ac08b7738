import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadGatewayConfig } from '../src/config';

/**
 * The limits' defaults are written twice: in the gateway's config and in docs/operations.md (and
 * in prose in docs/api.md). These tests read the docs, so the two cannot drift apart unnoticed.
 */
const docs = (file: string) => readFileSync(path.join(__dirname, '..', '..', 'docs', file), 'utf8');
const LIMITS = /^(RATE_LIMIT_|MAX_|SUBSCRIPTIONS_)/;
/** Rows whose default is a rule, not a value: checked by their own tests (http-hardening). */
const RULES = ['GRAPHQL_INTROSPECTION'];

/** `variable → default cell` of the tables in the sections of docs/operations.md whose titles start with `titles`. */
function documentedTable(...titles: string[]): Map<string, string> {
  const sections = docs('operations.md')
    .split(/^## /m)
    .filter((s) => titles.some((t) => s.startsWith(t)));
  expect(sections).toHaveLength(titles.length);
  // Cells may be padded (a table aligned by prettier).
  const rows = sections.flatMap((s) => [...s.matchAll(/^\| `([A-Z0-9_]+)` *\| ([^|]+)\|/gm)]);
  return new Map(rows.map(([, name, cell]) => [name, cell.trim()]));
}

describe('the documented defaults of the rate, operation and subscription limits', () => {
  const config = loadGatewayConfig({}) as unknown as Record<string, unknown>;
  const table = documentedTable('Protection', 'Subscriptions');

  it('are the values the gateway’s config uses when nothing is set', () => {
    const compared = [...table].filter(([name]) => !RULES.includes(name));
    const documented = Object.fromEntries(compared.map(([name, cell]) => [name, /^`([^`]+)`/.exec(cell)?.[1]]));
    const actual = Object.fromEntries(compared.map(([name]) => [name, [config[name]].flat().join(',')]));
    expect(actual).toEqual(documented);
    expect([...table.keys()].filter((name) => RULES.includes(name))).toEqual(RULES);
  });

  it('cover every limit the config has', () => {
    const limits = Object.keys(config).filter((name) => LIMITS.test(name));
    expect(limits.length).toBeGreaterThan(15);
    expect(limits.filter((name) => !table.has(name))).toEqual([]);
  });

  it('match the numbers docs/api.md gives callers', () => {
    const api = docs('api.md').replace(/(\d),(\d{3})/g, '$1$2');
    const said = (pattern: RegExp) => Number(pattern.exec(api)?.[1]);
    expect({
      ip: said(/IP address \((\d+) a minute\)/),
      user: said(/its user \((\d+)\)/),
      apiKey: said(/API key \((\d+)\)/),
      operation: said(/operation name \((\d+) a minute per name\)/),
      depth: said(/past a depth of (\d+)/),
      aliases: said(/(\d+)\s+aliases/),
      directives: said(/(\d+) directives/),
      tokens: said(/(\d+) tokens/),
      cost: said(/a cost of (\d+)/),
      batch: said(/(\d+) operations in one batched request/),
    }).toEqual({
      ip: config.RATE_LIMIT_IP_PER_MINUTE,
      user: config.RATE_LIMIT_USER_PER_MINUTE,
      apiKey: config.RATE_LIMIT_API_KEY_PER_MINUTE,
      operation: config.RATE_LIMIT_OPERATION_PER_MINUTE,
      depth: config.MAX_QUERY_DEPTH,
      aliases: config.MAX_ALIASES,
      directives: config.MAX_DIRECTIVES,
      tokens: config.MAX_TOKENS,
      cost: config.MAX_QUERY_COST,
      batch: config.MAX_BATCH_OPERATIONS,
    });
  });
});
