/**
 * Gateway (a): ours, `startGateway` as `gateway/src/main.ts` runs it, with the settings the
 * orchestrator passes in the environment (every issue-5 feature that has landed switched on;
 * see federated.ts `OURS_FEATURES`). Prints `ready <url>` and the loaded settings.
 */
import type * as Kernel from '@flowgraph/kernel';
import type * as Gateway from '@flowgraph/gateway';

async function main(): Promise<void> {
  // First, as in gateway/src/main.ts: telemetry patches only modules loaded after it starts.
  // `BENCH_OURS_INSTRUMENT=0` skips it (no OpenTelemetry at all), to attribute its cost.
  // require, not import(): the same CommonJS loading (which the instrumentation patches) as before.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (process.env.BENCH_OURS_INSTRUMENT !== '0') require('@flowgraph/gateway/instrument');
  const { createLogger, createRedis } = require('@flowgraph/kernel') as typeof Kernel;
  const { loadGatewayConfig, startGateway } = require('@flowgraph/gateway') as typeof Gateway;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const redis = createRedis(config.REDIS_URL);
  const gateway = await startGateway({ config, logger, redis }, 0, '127.0.0.1');
  const asked = JSON.parse(process.env.BENCH_FEATURE_KEYS ?? '[]') as string[];
  // Which of the asked-for settings the config loader knows (an unknown one is silently ignored by zod).
  const known = asked.filter((key) => key in config);
  console.log(`settings ${JSON.stringify({ known, unknown: asked.filter((k) => !known.includes(k)) })}`);
  console.log(`ready ${gateway.url}`);
  if (gateway.metricsUrl) console.log(`metrics ${gateway.metricsUrl}`);
  // The subscriptions bench asks for memory figures (after a full GC when run with --expose-gc).
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    console.log(`memory ${JSON.stringify(process.memoryUsage())}`);
  });
  const stop = async () => {
    await gateway.stop();
    redis.disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
