import { AppError } from '../src/errors';
import { MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageSize, toConnection } from '../src/pagination';

describe('keyset cursors', () => {
  it('encode opaquely and decode to the same values', () => {
    const cursor = encodeCursor(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, 2)).toEqual(['2026-01-01T00:00:00.000Z', 'abc']);
  });

  it('turn a tampered or wrong-arity cursor into a VALIDATION_ERROR on the field', () => {
    for (const bad of ['not-base64-json', encodeCursor(['only one']), Buffer.from('{"a":1}').toString('base64url')]) {
      try {
        decodeCursor(bad, 2);
        throw new Error('accepted a bad cursor');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'after' }] });
      }
    }
  });
});

describe('page sizes', () => {
  it('default to 20 and refuse values outside 0..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(() => pageSize(MAX_PAGE_SIZE + 1)).toThrow(AppError);
    expect(() => pageSize(-1)).toThrow(AppError);
  });
});

describe('toConnection', () => {
  it('uses the extra row only to know there is a next page', () => {
    const connection = toConnection([1, 2, 3], 2, (n) => [n], false);
    expect(connection.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(connection.pageInfo.endCursor!, 1)).toEqual([2]);
    expect(toConnection([1], 2, (n) => [n], true).pageInfo.hasNextPage).toBe(false);
  });
});
