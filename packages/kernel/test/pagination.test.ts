import { randomUUID } from 'node:crypto';
import { AppError } from '../src/errors';
import { firstPageLoaders } from '../src/loaders';
import { MAX_PAGE_SIZE, paginate, timeIdPosition, type PageArgs, type PageSource } from '../src/pagination';

const rows = [1, 2, 3, 4, 5];

/** Numbers in ascending order; records which side served each page and how many rows it was asked for. */
function numbers(order = 'numbers:ASC') {
  const calls: string[] = [];
  const source: PageSource<number, number> = {
    order,
    keyOf: (n) => [n],
    position: ([n, ...rest]) => (rest.length === 0 && Number.isInteger(n) ? (n as number) : null),
    firstRows: async (count) => {
      calls.push(`first ${count}`);
      return rows.slice(0, count);
    },
    rowsAfter: async (count, after) => {
      calls.push(`after ${after} ${count}`);
      return rows.filter((n) => n > after).slice(0, count);
    },
  };
  return { source, calls };
}

const encode = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

async function refusal(args: PageArgs, source: PageSource<number, number>) {
  const error = await paginate(args, source).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).extensions;
}

describe('paginate', () => {
  it('reads the first page through firstRows and later ones through rowsAfter, one extra row telling whether more follow', async () => {
    const { source, calls } = numbers();
    const first = await paginate({ first: 2 }, source);
    expect(first.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor });
    const second = await paginate({ first: 2, after: first.pageInfo.endCursor }, source);
    expect(second.edges.map((e) => e.node)).toEqual([3, 4]);
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const last = await paginate({ first: 2, after: second.pageInfo.endCursor }, source);
    expect(last.edges.map((e) => e.node)).toEqual([5]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, endCursor: last.edges[0].cursor });
    expect(calls).toEqual(['first 3', 'after 2 3', 'after 4 3']);
  });

  it('makes opaque cursors that carry the order, and an empty after is the first page', async () => {
    const { source, calls } = numbers();
    const page = await paginate({ first: 1, after: '' }, source);
    expect(page.edges[0].cursor).not.toContain('numbers');
    expect(JSON.parse(Buffer.from(page.edges[0].cursor, 'base64url').toString('utf8'))).toEqual(['numbers:ASC', 1]);
    expect(calls).toEqual(['first 2']);
  });

  it('refuses a cursor made for another order as VALIDATION_ERROR naming after', async () => {
    const made = await paginate({ first: 1 }, numbers('numbers:DESC').source);
    expect(await refusal({ after: made.pageInfo.endCursor }, numbers('numbers:ASC').source)).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'after', message: expect.stringContaining('another list or order') }],
    });
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['no order', encode([2])],
    ['a bad position', encode(['numbers:ASC', 'two'])],
    ['too many values', encode(['numbers:ASC', 2, 3])],
    ['an object', encode({ order: 'numbers:ASC' })],
  ])('refuses a tampered cursor (%s) as VALIDATION_ERROR naming after', async (_kind, after) => {
    const { source, calls } = numbers();
    expect(await refusal({ after }, source)).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'after' }] });
    expect(calls).toEqual([]);
  });

  it('defaults to 20 rows and refuses page sizes outside 0..100', async () => {
    const { source, calls } = numbers();
    await paginate({}, source);
    await paginate({ first: MAX_PAGE_SIZE }, source);
    expect(calls).toEqual(['first 21', `first ${MAX_PAGE_SIZE + 1}`]);
    for (const first of [MAX_PAGE_SIZE + 1, -1, 1.5]) {
      expect(await refusal({ first }, source)).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'first' }] });
    }
  });
});

describe('timeIdPosition', () => {
  it('reads a time and a UUID, and nothing else', () => {
    const id = randomUUID();
    expect(timeIdPosition(['2026-01-01T00:00:00.000Z', id])).toEqual({ at: new Date('2026-01-01T00:00:00.000Z'), id });
    expect(timeIdPosition(['not a time', id])).toBeNull();
    expect(timeIdPosition(['2026-01-01T00:00:00.000Z', "1' or '1'='1"])).toBeNull();
    expect(timeIdPosition([1, id])).toBeNull();
    expect(timeIdPosition(['2026-01-01T00:00:00.000Z', id, 'more'])).toBeNull();
  });
});

describe('firstPageLoaders', () => {
  it('batches the parents asking for the same count (and argument) into one fetch', async () => {
    const fetches: string[] = [];
    const loaders = firstPageLoaders(
      async (keys: readonly string[], count: number, parity: 'odd' | 'even') => {
        fetches.push(`${keys.join(',')} ${count} ${parity}`);
        return keys.flatMap((key) =>
          rows
            .filter((n) => (n % 2 === 1) === (parity === 'odd'))
            .slice(0, count)
            .map((n) => ({ key, n })),
        );
      },
      (row) => row.key,
    );
    const [a, b, c] = await Promise.all([loaders(2, 'odd').load('a'), loaders(2, 'odd').load('b'), loaders(3, 'even').load('c')]);
    expect(a.map((r) => r.n)).toEqual([1, 3]);
    expect(b.map((r) => r.n)).toEqual([1, 3]);
    expect(c.map((r) => r.n)).toEqual([2, 4]);
    expect(fetches).toEqual(['a,b 2 odd', 'c 3 even']);
  });
});
