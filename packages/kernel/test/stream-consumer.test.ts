import pino from 'pino';
import { createRedis, loadConfig, type Redis } from '../src';
import { StreamConsumer, type StreamConsumerOptions, type StreamEntry } from '../src/streams';
import { uniqueName } from '../src/testing';
import { until } from '@flowgraph/kernel/testing';

let redis: Redis;
const prefix = uniqueName('fgtest_streams');
const logger = pino({ level: 'silent' });
const running: StreamConsumer[] = [];

beforeAll(() => {
  redis = createRedis(loadConfig().REDIS_URL, { forWorkers: true });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

let streams = 0;
const newStream = () => `${prefix}:s${++streams}`;

function consumer(stream: string, handle: StreamConsumerOptions['handle'], options: Partial<StreamConsumerOptions> = {}): StreamConsumer {
  const c = new StreamConsumer({
    redis,
    stream,
    group: 'g',
    startId: '0',
    handle,
    logger,
    blockMs: 50,
    claimIdleMs: 100,
    claimEveryMs: 50,
    ...options,
  });
  running.push(c);
  return c;
}

const add = (stream: string, n: string) => redis.xadd(stream, '*', 'n', n) as Promise<string>;
const pendingCount = async (stream: string) => Number(((await redis.xpending(stream, 'g')) as [number])[0]);
const values = (entries: StreamEntry[]) => entries.map((e) => e.fields.n);

it('hands entries to the handler in batches, as records, and acknowledges them', async () => {
  const stream = newStream();
  for (const n of ['1', '2', '3']) await add(stream, n);
  const seen: string[] = [];
  await consumer(stream, async (entries) => void seen.push(...values(entries))).start();
  await until(() => (seen.length === 3 ? true : undefined));
  expect(seen).toEqual(['1', '2', '3']);
  await until(async () => ((await pendingCount(stream)) === 0 ? true : undefined));
});

it('reads the history from id 0, and only new entries from $', async () => {
  const stream = newStream();
  await add(stream, 'old');
  const fromStart: string[] = [];
  const fromNow: string[] = [];
  await consumer(stream, async (e) => void fromStart.push(...values(e)), { group: 'history' }).start();
  await consumer(stream, async (e) => void fromNow.push(...values(e)), { group: 'live', startId: '$' }).start();
  await add(stream, 'new');
  await until(() => (fromStart.length === 2 && fromNow.length === 1 ? true : undefined));
  expect(fromStart).toEqual(['old', 'new']);
  expect(fromNow).toEqual(['new']);
});

it('keeps a failed batch pending and handles it again later', async () => {
  const stream = newStream();
  await add(stream, 'a');
  await add(stream, 'b');
  const attempts: string[][] = [];
  let failures = 0;
  await consumer(stream, async (entries) => {
    attempts.push(values(entries));
    // Fails the first batch and the entry-by-entry retry that follows it.
    if (failures < 3) {
      failures++;
      throw new Error('database down');
    }
  }).start();
  await until(async () => (attempts.flat().filter((v) => v === 'a').length >= 3 && (await pendingCount(stream)) === 0 ? true : undefined));
  // Batch [a, b] failed, then [a] and [b] failed alone; both stayed pending until claimed and handled.
  expect(attempts.slice(0, 3)).toEqual([['a', 'b'], ['a'], ['b']]);
  expect(attempts.slice(3).flat().sort()).toEqual(['a', 'b']);
});

it('claims entries a dead consumer read but never acknowledged', async () => {
  const stream = newStream();
  await redis.xgroup('CREATE', stream, 'g', '0', 'MKSTREAM');
  await add(stream, 'orphan');
  await redis.xreadgroup('GROUP', 'g', 'dead', 'COUNT', 10, 'STREAMS', stream, '>');
  await add(stream, 'fresh');
  const seen: string[] = [];
  const c = consumer(stream, async (e) => void seen.push(...values(e)));
  await c.start();
  await until(async () => (seen.length === 2 && (await pendingCount(stream)) === 0 ? true : undefined));
  expect(seen.sort()).toEqual(['fresh', 'orphan']);
});

it('drops an entry delivered too often, without dropping its neighbours', async () => {
  const stream = newStream();
  await add(stream, 'good');
  await add(stream, 'poison');
  const handled: string[] = [];
  let poisonAttempts = 0;
  await consumer(
    stream,
    async (entries) => {
      if (values(entries).includes('poison')) {
        poisonAttempts++;
        throw new Error('cannot handle');
      }
      handled.push(...values(entries));
    },
    { maxDeliveries: 3 },
  ).start();
  await until(async () => ((await pendingCount(stream)) === 0 && poisonAttempts > 0 ? true : undefined));
  expect(handled).toEqual(['good']);
  // Delivery 1: batch [good, poison], then poison alone; deliveries 2 and 3 (claims): alone; the 4th is dropped.
  expect(poisonAttempts).toBe(4);
});

it('lets a busy stream accumulate into one batch within lingerMs', async () => {
  const stream = newStream();
  const batches: string[][] = [];
  await consumer(stream, async (e) => void batches.push(values(e)), { lingerMs: 1000, batchSize: 5, blockMs: 2000 }).start();
  for (const n of ['1', '2', '3', '4', '5']) await add(stream, n);
  await until(() => (batches.flat().length === 5 ? true : undefined));
  // The batch is full (5) long before the linger time: one batch, not five.
  expect(batches).toEqual([['1', '2', '3', '4', '5']]);
});

it('stops cleanly: the batch in hand is finished and acknowledged, the rest waits for the next consumer', async () => {
  const stream = newStream();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const first: string[] = [];
  const c = consumer(
    stream,
    async (e) => {
      first.push(...values(e));
      await gate;
    },
    { batchSize: 1 },
  );
  await c.start();
  await add(stream, '1');
  await until(() => (first.length === 1 ? true : undefined));
  const stopping = c.stop();
  release();
  await stopping;
  await add(stream, '2');
  expect(await pendingCount(stream)).toBe(0);
  const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
  expect(groups[0][groups[0].indexOf('consumers') + 1]).toBe(0); // an idle consumer leaves the group

  const second: string[] = [];
  await consumer(stream, async (e) => void second.push(...values(e))).start();
  await until(() => (second.length === 1 ? true : undefined));
  expect(first).toEqual(['1']);
  expect(second).toEqual(['2']);
});

it('creates its group again when the stream was deleted under it', async () => {
  const stream = newStream();
  const seen: string[] = [];
  await consumer(stream, async (e) => void seen.push(...values(e)), { retryDelayMs: 20 }).start();
  await add(stream, 'before');
  await until(() => (seen.length === 1 ? true : undefined));
  await redis.del(stream);
  await add(stream, 'after');
  await until(() => (seen.length === 2 ? true : undefined));
  expect(seen).toEqual(['before', 'after']);
});
