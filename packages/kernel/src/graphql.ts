import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

/** Scalars every subgraph declares the same way. */
export const dateTimeScalar = DateTimeResolver;
export const jsonObjectScalar = JSONObjectResolver;

/**
 * Reads the `schema.graphql` of the package that `fromDir` is in, whether running from `src/`
 * (tests) or `dist/src/` (built).
 */
export function loadPackageSchema(fromDir: string): DocumentNode {
  for (let dir = fromDir; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'schema.graphql');
    if (existsSync(candidate)) return gql(readFileSync(candidate, 'utf8'));
  }
  throw new Error(`No schema.graphql above ${fromDir}`);
}
