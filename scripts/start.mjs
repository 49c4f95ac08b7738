/**
 * `npm start`: finds or starts Postgres and Redis, migrates, then runs the four subgraphs, the
 * workers and the gateway as child processes until Ctrl-C / SIGTERM, which stops everything —
 * services first, then whatever databases this script started — and exits 0 when every service
 * stopped cleanly (1, naming them, when one did not).
 *
 * `npm run dev` (`--watch`): the same, plus `tsc -b --watch`, and each service restarts when its
 * package or the kernel is rebuilt (node --watch-path).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { migrate } from './migrate.mjs';
import { repoRoot } from './lib/paths.mjs';
import { assertPortsFree } from './lib/ports.mjs';
import { resolveDatabases } from './lib/databases.mjs';
import { ProcessGroup, waitForReady } from './lib/processes.mjs';
import {
  gateway,
  httpServices,
  mainFile,
  metricsPorts,
  servicePort,
  subgraphUrls,
  subgraphs,
  watchPaths,
  workerFile,
} from './lib/services.mjs';
import { reportFatal } from './lib/user-error.mjs';

const env = process.env;
const watch = process.argv.includes('--watch');
const group = new ProcessGroup();
/** Things to stop at exit, last started first stopped: `{ stop(), kill() }`. */
const started = [];
let shuttingDown = false;

async function shutdown(code, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) console.log(reason);
  const unclean = await group.stopAll(env);
  for (const { name, code: exitCode, signal } of unclean)
    console.error(`${name} did not stop cleanly (${signal ?? `exit code ${exitCode}`})`);
  for (const resource of [...started].reverse()) await resource.stop().catch((error) => console.error(`while stopping: ${error.message}`));
  process.exit(unclean.length > 0 ? 1 : code);
}

// Ctrl-C reaches us twice at once under `npm start` (from the terminal and forwarded by npm):
// only a second press a moment later means "force".
let firstInterrupt = 0;
process.on('SIGINT', () => {
  if (!shuttingDown) {
    firstInterrupt = Date.now();
    void shutdown(0, '\nStopping Flowgraph (Ctrl-C again to force)…');
  } else if (Date.now() - firstInterrupt > 1000) {
    process.exit(130);
  }
});
process.on('SIGTERM', () => void shutdown(0, 'Stopping Flowgraph…'));
// Last resort if we die without a clean shutdown: no child may outlive us.
process.on('exit', () => {
  group.killAll();
  for (const resource of started) resource.kill();
});

const rel = (file) => path.relative(repoRoot, file);

async function main() {
  const metrics = metricsPorts(env);
  const ports = httpServices.map((s) => ({ name: s.name, port: servicePort(s, env), hint: `set ${s.portVar}` }));
  const metricsHint = 'set METRICS_PORT; each process serving metrics takes the next port';
  await assertPortsFree([
    ...ports,
    ...Object.entries(metrics).map(([name, port]) => ({ name: `${name} metrics`, port, hint: metricsHint })),
  ]);

  const { postgres, redis } = await resolveDatabases({ env, onStarted: (resource) => started.push(resource) });
  if (shuttingDown) return;

  await migrate({ databaseUrl: postgres.url, env });
  if (shuttingDown) return;

  // METRICS_PORT is handed out per process below: a shared one would stop the second process with EADDRINUSE.
  const { METRICS_PORT: _metricsPort, ...inherited } = env;
  const base = {
    ...inherited,
    NODE_ENV: env.NODE_ENV || 'development',
    // @apollo/gateway reports anonymous usage to Apollo unless this is set: a self-hosted install does not phone home.
    APOLLO_TELEMETRY_DISABLED: env.APOLLO_TELEMETRY_DISABLED || 'true',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    ...subgraphUrls(env),
    // The gateway serves the web app: OAuth callbacks and their landing pages are on its origin.
    PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${servicePort(gateway, env)}`,
    WEB_APP_URL: env.WEB_APP_URL || `http://localhost:${servicePort(gateway, env)}`,
  };
  const running = [];
  const launch = (service, file, name = service.name) => {
    if (!existsSync(file)) {
      console.warn(`Skipping ${name}: ${rel(file)} not found (run npm run build)`);
      return null;
    }
    const nodeOptions = [base.NODE_OPTIONS, service.nodeOptions].filter(Boolean).join(' ');
    const nodeArgs = watch ? ['--watch', '--watch-preserve-output', ...watchPaths(service).map((p) => `--watch-path=${p}`)] : [];
    const entry = group.spawnNode(
      name,
      file,
      {
        ...base,
        PORT: String(servicePort(service, env)),
        ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
        ...(metrics[name] ? { METRICS_PORT: String(metrics[name]) } : {}),
      },
      { nodeArgs },
    );
    running.push({ service, name });
    return entry;
  };
  const readyUrl = (service) => `http://127.0.0.1:${servicePort(service, env)}/readyz`;

  // Subgraphs first (in parallel), then the gateway, which composes them at start-up.
  const subgraphEntries = subgraphs.map((s) => [s, launch(s, mainFile(s))]).filter(([, e]) => e);
  await Promise.all(subgraphEntries.map(([s, e]) => waitForReady(s.name, readyUrl(s), e.exited)));
  const workerEntries = subgraphs
    .filter((s) => existsSync(workerFile(s)))
    .map((s) => [`${s.name}-worker`, launch(s, workerFile(s), `${s.name}-worker`)]);
  const gatewayEntry = launch(gateway, mainFile(gateway));
  if (gatewayEntry) await waitForReady(gateway.name, readyUrl(gateway), gatewayEntry.exited);
  // A worker serves no HTTP but its metrics: where it does, the URL printed below answers before it is printed.
  // (A subgraph server opens its metrics port before its public one, which answered ready above.)
  const metricsHost = !env.METRICS_HOST || ['0.0.0.0', '::'].includes(env.METRICS_HOST) ? '127.0.0.1' : env.METRICS_HOST;
  await Promise.all(
    workerEntries
      .filter(([name]) => metrics[name])
      .map(([name, entry]) => waitForReady(`${name} metrics`, `http://${metricsHost}:${metrics[name]}/metrics`, entry.exited)),
  );
  if (shuttingDown) return;
  if (watch) {
    // Rebuilds on every source change; the services restart on the rebuilt output.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    group.spawnNode('tsc', tsc, base, { args: ['-b', '--watch', '--preserveWatchOutput'], endsBySignal: true });
  }

  console.log('\nFlowgraph is running:');
  if (gatewayEntry) {
    const origin = `http://localhost:${servicePort(gateway, env)}`;
    console.log(
      `  web app      ${origin}/${existsSync(path.join(repoRoot, 'web/dist/index.html')) ? '' : ' (not built: npm run build -w web)'}`,
    );
    console.log(`  gateway      ${origin}/graphql`);
  }
  for (const { service, name } of running) {
    if (service !== gateway && !name.endsWith('-worker'))
      console.log(
        `  ${name.padEnd(12)} http://localhost:${servicePort(service, env)}/graphql (internal; needs the gateway's signed identity)`,
      );
  }
  const workers = running.filter((r) => r.name.endsWith('-worker')).map((r) => r.name);
  if (workers.length) console.log(`  workers      ${workers.join(', ')}`);
  for (const { name } of running) {
    if (metrics[name]) console.log(`  ${'metrics'.padEnd(12)} http://localhost:${metrics[name]}/metrics (${name})`);
  }
  if (watch) console.log('Watching: tsc -b rebuilds on a change; each service restarts when its package or the kernel is rebuilt.');
  console.log('Press Ctrl-C to stop.\n');

  const died = await group.firstExit();
  await shutdown(1, `${died.name} exited (${died.signal ?? `code ${died.code}`}); stopping everything.`);
}

main().catch(async (error) => {
  if (shuttingDown) return;
  reportFatal(error);
  await shutdown(1);
});
