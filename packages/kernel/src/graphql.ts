import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';

/** Scalars every subgraph declares the same way. */
export const dateTimeScalar = DateTimeResolver;
/** A calendar date as `YYYY-MM-DD` text, in and out (no time zone shifts). */
export const dateScalar = LocalDateResolver;
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

/**
 * Merges per-module resolver maps type by type: several modules add fields to Query, Mutation
 * or an entity, and a plain spread would let the last module's `Query` hide the others'.
 */
export function mergeResolvers<R extends object>(parts: R[]): R {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as R;
}
