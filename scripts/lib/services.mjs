import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { UserError } from './user-error.mjs';

/**
 * Every HTTP service allocates a lot of short-lived objects per request (rows, resolver results,
 * JSON): a young generation larger than Node's default 16 MiB semi-space collects less often
 * (docs/decisions/0016 for the gateway, 0026 for the subgraphs). compose and k8s set the same
 * NODE_OPTIONS.
 */
const YOUNG_GENERATION = '--max-semi-space-size=32';

/**
 * The processes `npm start` runs. One table, so start and doctor agree on names, ports and the
 * variables that override them. Subgraphs come first: the gateway composes them when it starts.
 */
export const subgraphs = [
  { name: 'core', dir: 'subgraphs/core', portVar: 'CORE_PORT', defaultPort: 4001, urlVar: 'CORE_URL', nodeOptions: YOUNG_GENERATION },
  {
    name: 'workflow',
    dir: 'subgraphs/workflow',
    portVar: 'WORKFLOW_PORT',
    defaultPort: 4002,
    urlVar: 'WORKFLOW_URL',
    nodeOptions: YOUNG_GENERATION,
  },
  {
    name: 'integration',
    dir: 'subgraphs/integration',
    portVar: 'INTEGRATION_PORT',
    defaultPort: 4003,
    urlVar: 'INTEGRATION_URL',
    nodeOptions: YOUNG_GENERATION,
  },
  {
    name: 'analytics',
    dir: 'subgraphs/analytics',
    portVar: 'ANALYTICS_PORT',
    defaultPort: 4004,
    urlVar: 'ANALYTICS_URL',
    nodeOptions: YOUNG_GENERATION,
  },
];

/** The gateway: its larger young generation cut its CPU per request by 12–19 % (decision 0016). */
export const gateway = {
  name: 'gateway',
  dir: 'gateway',
  portVar: 'GATEWAY_PORT',
  defaultPort: 4000,
  nodeOptions: YOUNG_GENERATION,
};

/** Every HTTP service in start order. */
export const httpServices = [...subgraphs, gateway];

/** The port a service listens on: its override variable, else its default. */
export function servicePort(service, env) {
  const raw = env[service.portVar];
  if (raw === undefined || raw === '') return service.defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${service.portVar} must be a port number, got "${raw}"`);
  return port;
}

/**
 * The processes that serve Prometheus `/metrics` on `METRICS_PORT` when it is set, and how far
 * from it each one's port is under `npm start`: on one machine they cannot share a port. The
 * gateway keeps `METRICS_PORT` itself, as in compose and k8s; the workers come next (their
 * offsets predate the subgraph servers' metrics), then the subgraph servers.
 */
export const metricsOffsets = {
  gateway: 0,
  'core-worker': 1,
  'workflow-worker': 2,
  'analytics-worker': 3,
  'integration-worker': 4,
  core: 5,
  workflow: 6,
  integration: 7,
  analytics: 8,
};

/** Each metrics-serving process's port under `npm start`, derived from `METRICS_PORT`; `{}` when it is unset. */
export function metricsPorts(env) {
  const raw = env.METRICS_PORT;
  if (raw === undefined || raw === '') return {};
  const last = 65535 - Math.max(...Object.values(metricsOffsets));
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > last) {
    throw new UserError(
      `METRICS_PORT must be a port number from 1 to ${last} under npm start (the next ports go to the workers), got "${raw}"`,
    );
  }
  return Object.fromEntries(Object.entries(metricsOffsets).map(([name, offset]) => [name, port + offset]));
}

/** Compiled entry points: `<pkg>/dist/src/main.js`, and `worker.js` for packages that have workers. */
export function mainFile(service) {
  return path.join(repoRoot, service.dir, 'dist', 'src', 'main.js');
}

export function workerFile(service) {
  return path.join(repoRoot, service.dir, 'dist', 'src', 'worker.js');
}

/** The subgraph URLs the gateway composes, and the origins of their internal endpoints, for the given env's ports. */
export function subgraphUrls(env) {
  const origin = (name) =>
    `http://127.0.0.1:${servicePort(
      subgraphs.find((s) => s.name === name),
      env,
    )}`;
  return {
    ...Object.fromEntries(subgraphs.map((s) => [s.urlVar, `${origin(s.name)}/graphql`])),
    // Internal endpoints the subgraphs and workers call each other on (notify → Core, Analytics → Workflow, connector_action → Integration).
    CORE_ORIGIN: origin('core'),
    WORKFLOW_ORIGIN: origin('workflow'),
    INTEGRATION_ORIGIN: origin('integration'),
  };
}

/**
 * What `npm run dev` restarts a service on (node --watch-path): its own build output and schema
 * file, and the kernel's build output. `tsc -b --watch` turns source changes into those.
 */
export function watchPaths(service) {
  const inPackage = (file) => path.join(repoRoot, service.dir, file);
  const schema = service === gateway ? inPackage('supergraph.graphql') : inPackage('schema.graphql');
  return [inPackage('dist'), schema, path.join(repoRoot, 'packages', 'kernel', 'dist')];
}
