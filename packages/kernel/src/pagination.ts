import { validationError } from './errors';
import { isUuid } from './ids';

/**
 * Relay connections over keyset cursors. A cursor is an opaque base64url JSON array of the
 * sort-key values of a row; the repository turns it back into a `(k1, k2) < (v1, v2)` predicate.
 */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
export interface Edge<T> {
  node: T;
  cursor: string;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor, checking it has `arity` values; a tampered cursor is a VALIDATION_ERROR. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the validation error
  }
  throw validationError([{ field, message: 'Invalid cursor' }]);
}

/**
 * Decodes a `[ISO timestamp, uuid]` cursor, the usual `(createdAt, id)` keyset position. A cursor
 * whose values are not a time and a UUID is a VALIDATION_ERROR (Postgres would fail on the cast).
 */
export function decodeTimeIdCursor(cursor: string, field = 'after'): { at: Date; id: string } {
  const [time, id] = decodeCursor(cursor, 2, field);
  const at = new Date(time);
  if (typeof time !== 'string' || Number.isNaN(at.getTime()) || typeof id !== 'string' || !isUuid(id)) {
    throw validationError([{ field, message: 'Invalid cursor' }]);
  }
  return { at, id };
}

/** Checks `first` against the limits; the repository should fetch `limit + 1` rows. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw validationError([{ field, message: `Must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

/** Builds a connection from `limit + 1` fetched rows. */
export function toConnection<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => CursorValue[],
  hasPreviousPage: boolean,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
