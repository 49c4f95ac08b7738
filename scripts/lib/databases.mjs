import { resolvePostgres } from './postgres.mjs';
import { resolveRedis } from './redis.mjs';

/**
 * Finds or starts Redis, then Postgres (see resolveRedis / resolvePostgres for the order): the
 * one resolution behind `npm start`, `npm run dev` and `npm test`. `onStarted(resource)` is
 * called with each as soon as it is running, so a caller interrupted half-way can still stop
 * the first. Returns `{ redis, postgres, stop(), kill() }`; `stop()` stops what this started,
 * Postgres first.
 */
export async function resolveDatabases({ env = process.env, log = console.log, onStarted = () => {} } = {}) {
  const redis = await resolveRedis({ env, log });
  onStarted(redis);
  let postgres;
  try {
    postgres = await resolvePostgres({ env, log });
  } catch (error) {
    await redis.stop();
    throw error;
  }
  onStarted(postgres);
  return {
    redis,
    postgres,
    async stop() {
      await postgres.stop();
      await redis.stop();
    },
    kill() {
      postgres.kill();
      redis.kill();
    },
  };
}
