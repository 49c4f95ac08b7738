import { validationError } from './errors';
import { isUuid } from './ids';

/**
 * Relay connections over keyset cursors. A cursor is an opaque base64url JSON array: the name of
 * its order, then the sort-key values of a row, which the repository turns back into a
 * `(k1, k2) < (v1, v2)` predicate. `paginate` is the one way a connection is built.
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

function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** A cursor's values, or null when it is not a base64url JSON array of strings and numbers. */
function parseCursor(cursor: string): CursorValue[] | null {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values as CursorValue[];
  } catch {
    // not JSON: not a cursor
  }
  return null;
}

export interface TimeIdPosition {
  at: Date;
  id: string;
}

/**
 * Reads `[ISO timestamp, uuid]` cursor values, the usual `(createdAt, id)` keyset position; null
 * when they are not a time and a UUID (Postgres would fail on the cast).
 */
export function timeIdPosition(values: CursorValue[]): TimeIdPosition | null {
  const [time, id] = values;
  if (values.length !== 2 || typeof time !== 'string' || typeof id !== 'string' || !isUuid(id)) return null;
  const at = new Date(time);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}

/** Checks `first` against the limits. */
function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw validationError([{ field, message: `Must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

/** Builds a connection from `limit + 1` fetched rows (one more than shown tells whether a next page exists). */
function toConnection<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[], hasPreviousPage: boolean): Connection<T> {
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

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** How one connection is ordered and read; `paginate` does the counting, cursors and page info. */
export interface PageSource<T, P> {
  /** Names the order; every cursor carries it, and a cursor made for another order is refused. */
  order: string;
  /** The row's sort-key values, the last one unique. */
  keyOf: (row: T) => CursorValue[];
  /** A cursor's sort-key values as a position, or null when they cannot be one. */
  position: (values: CursorValue[]) => P | null;
  /** The first `count` rows; through a per-request loader where sibling parents share one query. */
  firstRows: (count: number) => Promise<T[]>;
  /** `count` rows strictly after a position. */
  rowsAfter: (count: number, position: P) => Promise<T[]>;
}

/** A Relay connection: the first page through `firstRows`, later ones through `rowsAfter` a cursor bound to the order. */
export async function paginate<T, P>(args: PageArgs, source: PageSource<T, P>): Promise<Connection<T>> {
  const limit = pageSize(args.first);
  const position = args.after ? decodePosition(args.after, source) : undefined;
  // One row more than shown tells whether a next page exists.
  const rows = position === undefined ? await source.firstRows(limit + 1) : await source.rowsAfter(limit + 1, position);
  return toConnection(rows, limit, (row) => [source.order, ...source.keyOf(row)], position !== undefined);
}

function decodePosition<P>(cursor: string, source: Pick<PageSource<unknown, P>, 'order' | 'position'>): P {
  const values = parseCursor(cursor);
  const [order, ...key] = values ?? [];
  if (typeof order === 'string' && order !== source.order) {
    throw validationError([{ field: 'after', message: "This cursor belongs to another list or order; start again without 'after'" }]);
  }
  const position = order === source.order ? source.position(key) : null;
  if (position === null) throw validationError([{ field: 'after', message: 'Invalid cursor' }]);
  return position;
}
