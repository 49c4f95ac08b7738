import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { baseConfigShape } from '@flowgraph/kernel';
import { repoRoot } from './helpers';

/**
 * There is no Docker engine or cluster here, so the deploy files are checked by parsing them
 * and asserting the structure we rely on: probes, resources, env coverage, consistent images.
 */

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const k8sDir = path.join(repoRoot, 'k8s');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

function loadK8s(): { file: string; doc: Doc }[] {
  const out: { file: string; doc: Doc }[] = [];
  for (const file of readdirSync(k8sDir).filter((f) => f.endsWith('.yaml'))) {
    for (const document of parseAllDocuments(readFileSync(path.join(k8sDir, file), 'utf8'))) {
      expect(document.errors).toEqual([]);
      const doc = document.toJS() as Doc | null;
      if (doc) out.push({ file, doc });
    }
  }
  return out;
}

const docs = loadK8s();
const ofKind = (kind: string) => docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);
const HTTP_SERVICES: Record<string, number> = { gateway: 4000, core: 4001, workflow: 4002, integration: 4003, analytics: 4004 };
/** Variables read by every process (the kernel's config) plus those of the gateway and servers. */
const REQUIRED_ENV = [
  ...Object.keys(baseConfigShape),
  'HOST',
  'CORE_URL',
  'WORKFLOW_URL',
  'INTEGRATION_URL',
  'ANALYTICS_URL',
  'CORE_ORIGIN',
  'WORKFLOW_ORIGIN',
  'INTEGRATION_ORIGIN',
  'ANALYTICS_ORIGIN',
  'PUBLIC_URL',
  'WEB_APP_URL',
  'WEBHOOK_SECRET_KEY',
  'SECRET_KEYS',
];
/** Integrations an operator turns on when they have one (a collector, a Sentry project): named, commented, in the ConfigMap. */
const OPTIONAL_INTEGRATIONS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER_RATIO', 'SENTRY_DSN', 'SENTRY_ENVIRONMENT'];
/** Only the migration Job needs the owner's connection and the app role's password. */
const OWNER_ONLY = ['DATABASE_URL', 'DATABASE_APP_PASSWORD'];

describe('k8s manifests', () => {
  it('parse, and every object has a kind, a name and the flowgraph namespace', () => {
    expect(docs.length).toBeGreaterThan(10);
    for (const { file, doc } of docs) {
      if (doc.kind === 'Kustomization') continue; // kustomize's own file has no metadata
      expect({ file, kind: typeof doc.kind, name: typeof doc.metadata?.name }).toEqual({ file, kind: 'string', name: 'string' });
      if (!['Namespace', 'Kustomization'].includes(doc.kind))
        expect({ file, ns: doc.metadata.namespace }).toEqual({ file, ns: 'flowgraph' });
    }
  });

  it('kustomization lists every manifest except the secret template, and only files that exist', () => {
    const kustomization = ofKind('Kustomization')[0];
    const resources: string[] = kustomization.resources;
    for (const r of resources) expect(existsSync(path.join(k8sDir, r))).toBe(true);
    const manifests = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && f !== 'secret.example.yaml');
    expect([...resources].sort()).toEqual(manifests.sort());
    expect(resources).not.toContain('secret.example.yaml');
  });

  it('runs one image everywhere, with commands that point at real packages', () => {
    const kustomization = ofKind('Kustomization')[0];
    expect(kustomization.images.map((i: Doc) => i.name)).toEqual(['flowgraph']);
    for (const workload of [...ofKind('Deployment'), ...ofKind('Job')]) {
      for (const container of workload.spec.template.spec.containers) {
        expect(container.image).toBe('flowgraph');
        // `<pkg>/dist/src/<x>.js` is built from `<pkg>/src/<x>.ts`; scripts run as they are.
        const entry: string = container.command[1];
        const source = entry.replace(/\/dist\/(.*)\.js$/, '/$1.ts');
        expect({ entry, sourceExists: existsSync(path.join(repoRoot, source)) }).toEqual({ entry, sourceExists: true });
      }
    }
  });

  it('gives each HTTP Deployment /readyz and /healthz probes, resources, its PORT and a matching Service', () => {
    const deployments = ofKind('Deployment');
    const services = ofKind('Service');
    for (const [name, port] of Object.entries(HTTP_SERVICES)) {
      const deployment = deployments.find((d) => d.metadata.name === name);
      expect(deployment).toBeDefined();
      const [container] = deployment!.spec.template.spec.containers;
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      // The API port, and on the gateway Prometheus' own port (never in the Service, so never public).
      const metricsPort = name === 'gateway' ? [{ name: 'metrics', containerPort: 9464 }] : [];
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }, ...metricsPort]);
      expect(container.env).toContainEqual({ name: 'PORT', value: String(port) });
      const service = services.find((s) => s.metadata.name === name);
      expect(service!.spec.ports[0].port).toBe(port);
      for (const [key, value] of Object.entries(service!.spec.selector)) expect(deployment!.spec.template.metadata.labels[key]).toBe(value);
    }
  });

  it('sets resource requests and limits on every container, and config through the ConfigMap and Secrets', () => {
    for (const workload of [...ofKind('Deployment'), ...ofKind('Job')]) {
      for (const container of workload.spec.template.spec.containers) {
        for (const bound of ['requests', 'limits']) {
          expect(Object.keys(container.resources[bound]).sort()).toEqual(['cpu', 'memory']);
        }
        const shared = [{ configMapRef: { name: 'flowgraph-config' } }, { secretRef: { name: 'flowgraph-secrets' } }];
        const ownerOnly = workload.kind === 'Job' ? [{ secretRef: { name: 'flowgraph-migrate-secrets' } }] : [];
        expect(container.envFrom).toEqual([...shared, ...ownerOnly]);
      }
    }
    expect(ofKind('Deployment').map((d) => d.metadata.name)).toEqual(
      expect.arrayContaining(['core-worker', 'workflow-worker', 'analytics-worker', 'integration-worker']),
    );
    expect(ofKind('Job').map((j) => j.spec.template.spec.containers[0].command)).toEqual([['node', 'scripts/migrate.mjs']]);
  });

  it('sets every variable the services read, secrets only in Secrets, and only placeholders in the template', () => {
    const config = ofKind('ConfigMap')[0].data as Record<string, string>;
    const secretNamed = (name: string) => ofKind('Secret').find((s) => s.metadata.name === name)!.stringData as Record<string, string>;
    const serviceSecret = secretNamed('flowgraph-secrets');
    const migrateSecret = secretNamed('flowgraph-migrate-secrets');
    // Services connect with DATABASE_APP_URL; the owner's URL and the app password reach the migration Job only.
    for (const key of REQUIRED_ENV.filter((k) => !OWNER_ONLY.includes(k) && !OPTIONAL_INTEGRATIONS.includes(k))) {
      expect({ key, set: key in config || key in serviceSecret }).toEqual({ key, set: true });
    }
    const configMapText = readFileSync(path.join(repoRoot, 'k8s', 'configmap.yaml'), 'utf8');
    for (const key of OPTIONAL_INTEGRATIONS) expect({ key, named: configMapText.includes(`# ${key}:`) }).toEqual({ key, named: true });
    expect(config.METRICS_PORT).toBe('9464');
    for (const key of OWNER_ONLY)
      expect({ key, inServiceSecret: key in serviceSecret, inMigrateSecret: key in migrateSecret }).toEqual({
        key,
        inServiceSecret: false,
        inMigrateSecret: true,
      });
    for (const [key, value] of Object.entries({ ...serviceSecret, ...migrateSecret })) {
      expect({ key, inConfigMap: key in config }).toEqual({ key, inConfigMap: false });
      expect(value).toMatch(/REPLACE_ME|[A-Z]+_PASSWORD|_HOST/);
    }
    for (const workload of [...ofKind('Deployment'), ...ofKind('Job')]) {
      const refs = workload.spec.template.spec.containers.flatMap((c: Doc) => c.envFrom.map((e: Doc) => e.secretRef?.name).filter(Boolean));
      expect({ name: workload.metadata.name, migrate: refs.includes('flowgraph-migrate-secrets') }).toEqual({
        name: workload.metadata.name,
        migrate: workload.kind === 'Job',
      });
    }
    expect(config.NODE_ENV).toBe('production');
    expect(config.HOST).toBe('0.0.0.0');
  });

  it('routes the Ingress to the gateway Service only', () => {
    const [ingress] = ofKind('Ingress');
    const backends = ingress.spec.rules.flatMap((r: Doc) => r.http.paths.map((p: Doc) => p.backend.service.name));
    expect(backends).toEqual(['gateway']);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as Doc;
  const services = compose.services as Record<string, Doc>;
  const flowgraphServices = Object.entries(services).filter(([, s]) => s.image === 'flowgraph');

  it('runs postgres 15, redis 7 and every Flowgraph process from the one built image', () => {
    expect(services.postgres.image).toBe('postgres:15');
    expect(services.redis.image).toBe('redis:7');
    expect(flowgraphServices.map(([name]) => name).sort()).toEqual([
      'analytics',
      'analytics-worker',
      'core',
      'core-worker',
      'gateway',
      'integration',
      'integration-worker',
      'migrate',
      'workflow',
      'workflow-worker',
    ]);
    for (const [, service] of flowgraphServices) expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
  });

  it('health-checks every HTTP service on its own /readyz and the databases natively', () => {
    for (const [name, port] of Object.entries(HTTP_SERVICES)) {
      expect(services[name].environment.PORT).toBe(String(port));
      expect(services[name].healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
    }
    expect(services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('orders start-up: databases healthy, migrations done, subgraphs healthy before the gateway', () => {
    for (const [name, service] of flowgraphServices) {
      expect(service.depends_on.postgres).toEqual({ condition: 'service_healthy' });
      if (name !== 'migrate') expect(service.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
    for (const name of ['core', 'workflow', 'integration', 'analytics']) {
      expect(services.gateway.depends_on[name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('takes secrets from .env (git-ignored) and never holds them itself', () => {
    const text = read('docker-compose.yml');
    for (const [, service] of flowgraphServices) {
      expect(service.env_file).toBe('.env');
      for (const key of ['IDENTITY_SECRET', 'JWT_SECRET', 'DATABASE_APP_PASSWORD']) expect(service.environment).not.toHaveProperty(key);
      expect(service.environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD');
    }
    expect(text).not.toMatch(/flowgraph-dev-secret/);
    expect(read('.gitignore').split('\n')).toContain('.env');
    const example = read('.env.example');
    for (const key of ['POSTGRES_PASSWORD', 'DATABASE_APP_PASSWORD', 'IDENTITY_SECRET', 'JWT_SECRET'])
      expect(example).toMatch(new RegExp(`^${key}=replace-`, 'm'));
  });

  it('builds from a multi-stage node 20 slim Dockerfile that prunes dev dependencies', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM node:20-bookworm-slim/gm)).toHaveLength(2);
    for (const step of ['RUN npm ci', 'npm run build', 'npm prune --omit=dev', 'USER node']) expect(dockerfile).toContain(step);
  });

  it('copies every workspace’s package.json before npm ci, so the lockfile’s workspaces all install', () => {
    const dockerfile = read('Dockerfile');
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(path.join(repoRoot, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`)
        : [pattern],
    );
    const packages = workspaces.filter((dir) => existsSync(path.join(repoRoot, dir, 'package.json')));
    expect(packages).toContain('packages/contracts');
    for (const dir of packages) expect(dockerfile).toContain(`COPY ${dir}/package.json ${dir}/`);
  });
});

describe('the gateway process', () => {
  it('does not report usage to Apollo: APOLLO_TELEMETRY_DISABLED is true in compose, k8s and the image', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as Doc;
    const config = ofKind('ConfigMap')[0].data as Record<string, string>;
    const runtimeStage = read('Dockerfile')
      .split(/^FROM /m)
      .at(-1)!;
    expect({
      compose: compose.services.gateway.environment.APOLLO_TELEMETRY_DISABLED,
      k8s: config.APOLLO_TELEMETRY_DISABLED,
      image: /APOLLO_TELEMETRY_DISABLED=(\w+)/.exec(runtimeStage)?.[1],
    }).toEqual({ compose: 'true', k8s: 'true', image: 'true' });
  });

  // One Node setting (decisions 0016 and 0026), written for every HTTP service: scripts/lib/services.mjs for npm start, each
  // service's own start script, compose, k8s, and (for the gateway) the bench that measures it.
  const semiSpace = /--max-semi-space-size=(\d+)/;
  const sizeIn = (text: string | undefined) => semiSpace.exec(text ?? '')?.[1];

  it('runs every HTTP service with the same young-generation size under npm start, its start script, compose, k8s and bench/gateway', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as Doc;
    const services = read('scripts/lib/services.mjs');
    const npmStart = sizeIn(/^const YOUNG_GENERATION = [^;]*;/m.exec(services)?.[0]);
    expect(npmStart).toBeDefined();
    // Every service in npm start's table takes it.
    expect(services.match(/nodeOptions: YOUNG_GENERATION/g)).toHaveLength(5);
    for (const [name, dir] of [
      ['gateway', 'gateway'],
      ['core', 'subgraphs/core'],
      ['workflow', 'subgraphs/workflow'],
      ['integration', 'subgraphs/integration'],
      ['analytics', 'subgraphs/analytics'],
    ]) {
      const container = ofKind('Deployment').find((d) => d.metadata.name === name)!.spec.template.spec.containers[0];
      expect({
        name,
        startScript: sizeIn((JSON.parse(read(`${dir}/package.json`)) as { scripts: Record<string, string> }).scripts.start),
        compose: sizeIn(compose.services[name].environment.NODE_OPTIONS),
        k8s: sizeIn(container.env.find((e: Doc) => e.name === 'NODE_OPTIONS')?.value),
      }).toEqual({ name, startScript: npmStart, compose: npmStart, k8s: npmStart });
    }
    expect(sizeIn(/^export const OURS_NODE_OPTIONS\b[^;]*;/m.exec(read('bench/gateway/bench-kit.ts'))?.[0])).toBe(npmStart);
  });
});
