import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { baseConfigShape } from '@flowgraph/kernel';
import { renderKustomization, validateCompose, validateManifests, type Manifest } from './deploy-schemas';
import { repoRoot } from './helpers';

/**
 * There is no Docker engine or cluster here, so the deploy files are checked offline: each overlay
 * rendered by `kubectl kustomize` and validated against the APIs' schemas (deploy-schemas.ts), compose
 * against the Compose Specification, and the structure we rely on asserted: probes, resources, env
 * coverage, consistent images, autoscaling, network paths, security contexts.
 */

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const k8sDir = path.join(repoRoot, 'k8s', 'base');
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
  // Consent is asked only where versions are set: a deployment must name the ones in force.
  'PRIVACY_POLICY_VERSION',
  'TERMS_OF_SERVICE_VERSION',
];
/** Integrations an operator turns on when they have one (a collector, a Sentry project): named, commented, in the ConfigMap. */
const OPTIONAL_INTEGRATIONS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER_RATIO', 'SENTRY_DSN', 'SENTRY_ENVIRONMENT'];
/** Only the migration Job needs the owner's connection and the app role's password. */
const OWNER_ONLY = ['DATABASE_URL', 'DATABASE_APP_PASSWORD'];

describe('k8s base manifests', () => {
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
    const manifests = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && !['kustomization.yaml', 'secret.example.yaml'].includes(f));
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
      // The API port, and Prometheus' own port (never in the Service, so never public).
      expect(container.ports).toEqual([
        { name: 'http', containerPort: port },
        { name: 'metrics', containerPort: 9464 },
      ]);
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
    const configMapText = readFileSync(path.join(k8sDir, 'configmap.yaml'), 'utf8');
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

  it('backs up hourly with the owner connection, one run at a time, into the backups volume, with the retention in its env', () => {
    const [cronJob] = ofKind('CronJob');
    expect(cronJob.spec).toMatchObject({ schedule: '7 * * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe('flowgraph');
    expect(container.command).toEqual(['node', 'scripts/backup.mjs']);
    expect(existsSync(path.join(repoRoot, container.command[1]))).toBe(true);
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'flowgraph-config' } },
      { secretRef: { name: 'flowgraph-secrets' } },
      { secretRef: { name: 'flowgraph-migrate-secrets' } },
    ]);
    const env = Object.fromEntries(container.env.map((e: Doc) => [e.name, e.value]));
    expect(env).toEqual({ BACKUP_DIR: '/backups', BACKUP_KEEP_HOURLY: '24', BACKUP_KEEP_DAILY: '7' });
    const mount = container.volumeMounts.find((m: Doc) => m.mountPath === env.BACKUP_DIR);
    const volume = pod.volumes.find((v: Doc) => v.name === mount.name);
    expect(ofKind('PersistentVolumeClaim').map((c) => c.metadata.name)).toContain(volume.persistentVolumeClaim.claimName);
    expect(Object.keys(container.resources.limits).sort()).toEqual(['cpu', 'memory']);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, fsGroup: 1000 });
  });

  it('routes the Ingress to the gateway Service only', () => {
    const [ingress] = ofKind('Ingress');
    const backends = ingress.spec.rules.flatMap((r: Doc) => r.http.paths.map((p: Doc) => p.backend.service.name));
    expect(backends).toEqual(['gateway']);
  });
});

/** Whether a command's entry file stops through runProcess (drain, SHUTDOWN_DELAY_MS, SHUTDOWN_GRACE_MS): the services and workers, not migrate. */
const stopsGracefully = (command: string[]) => read(command[1].replace(/\/dist\/(.*)\.js$/, '/$1.ts')).includes('runProcess(');
/** The longest a graceful stop may take with these variables, read as the kernel reads them (defaults included). */
const longestStopMs = (env: Record<string, unknown>) =>
  baseConfigShape.SHUTDOWN_DELAY_MS.parse(env.SHUTDOWN_DELAY_MS) + baseConfigShape.SHUTDOWN_GRACE_MS.parse(env.SHUTDOWN_GRACE_MS);

const OVERLAYS = ['dev', 'prod', 'canary'] as const;
const rendered = Object.fromEntries(
  OVERLAYS.map((name) => [name, renderKustomization(path.join(repoRoot, 'k8s', 'overlays', name))]),
) as Record<(typeof OVERLAYS)[number], Manifest[]>;
const kindIn = (overlay: Manifest[], kind: string) => overlay.filter((m) => m.kind === kind) as Doc[];
const named = (overlay: Manifest[], kind: string, name: string) => kindIn(overlay, kind).find((m) => m.metadata.name === name)!;
const SUBGRAPHS = ['core', 'workflow', 'integration', 'analytics'];
const podSpecs = (overlay: Manifest[]) =>
  [...kindIn(overlay, 'Deployment'), ...kindIn(overlay, 'Job')].map((w) => ({
    name: w.metadata.name as string,
    spec: w.spec.template.spec as Doc,
  }));

/** The variables a container is given: its ConfigMaps (envFrom) overridden by its own `env` values. Secrets are not rendered. */
function renderedEnv(overlay: Manifest[], container: Doc): Record<string, string> {
  const fromConfigMaps = (container.envFrom ?? [])
    .filter((source: Doc) => source.configMapRef)
    .map((source: Doc) => named(overlay, 'ConfigMap', source.configMapRef.name).data as Record<string, string>);
  const own = (container.env ?? []).filter((e: Doc) => 'value' in e).map((e: Doc) => ({ [e.name]: e.value as string }));
  return Object.assign({}, ...fromConfigMaps, ...own) as Record<string, string>;
}

/** Pods that Kubernetes would kill (SIGKILL) while still stopping: terminationGracePeriodSeconds not beyond their longest stop. */
function podsCutShort(overlay: Manifest[]): { name: string; graceMs: number; stopMs: number }[] {
  return kindIn(overlay, 'Deployment')
    .map((deployment) => {
      const { spec } = deployment.spec.template;
      // Kubernetes' default is 30 s.
      const graceMs = (spec.terminationGracePeriodSeconds ?? 30) * 1000;
      return { name: deployment.metadata.name as string, graceMs, stopMs: longestStopMs(renderedEnv(overlay, spec.containers[0])) };
    })
    .filter(({ graceMs, stopMs }) => graceMs <= stopMs);
}

/** Kubernetes' label selector semantics (matchLabels and matchExpressions, all must hold). */
function selects(selector: Doc, labels: Record<string, string>): boolean {
  const key = (expression: Doc) => expression.key as string;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every((e: Doc) => {
    if (e.operator === 'In') return key(e) in labels && e.values.includes(labels[key(e)]);
    if (e.operator === 'NotIn') return !e.values.includes(labels[key(e)]);
    if (e.operator === 'Exists') return key(e) in labels;
    return !(key(e) in labels); // DoesNotExist
  });
  return byLabel && byExpression;
}
/** Whether some NetworkPolicy of the overlay admits pods of namespace `from` to TCP `port` (or its name) of pods with these labels. */
function admitsIngress(overlay: Manifest[], labels: Record<string, string>, from: string, port: { number: number; name: string }): boolean {
  const namespaceLabels = { 'kubernetes.io/metadata.name': from };
  // A peer with a podSelector narrows to some pods of that namespace; only a whole-namespace peer counts here.
  const admitsPeer = (peer: Doc) =>
    peer.namespaceSelector !== undefined && selects(peer.namespaceSelector, namespaceLabels) && selects(peer.podSelector ?? {}, {});
  const admitsPort = (p: Doc) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === port.number || p.port === port.name);
  return kindIn(overlay, 'NetworkPolicy').some(
    (policy) =>
      policy.spec.policyTypes.includes('Ingress') &&
      selects(policy.spec.podSelector, labels) &&
      (policy.spec.ingress ?? []).some(
        (rule: Doc) => (rule.from === undefined || rule.from.some(admitsPeer)) && (rule.ports === undefined || rule.ports.some(admitsPort)),
      ),
  );
}

describe('k8s overlays (kubectl kustomize, validated offline)', () => {
  it('render objects that all conform to their API schemas (Kubernetes, KEDA, Argo Rollouts), with no unknown field', () => {
    // prod is inside canary: each distinct object is checked once.
    const distinct = [...new Map(OVERLAYS.flatMap((o) => rendered[o]).map((m) => [JSON.stringify(m), m])).values()];
    expect(validateManifests(distinct)).toEqual([]);
  }, 180_000);

  it('rejects a misspelt field, a wrong type, a misplaced KEDA field and an unknown kind', () => {
    const deployment = structuredClone(named(rendered.prod, 'Deployment', 'gateway')) as Manifest & Doc;
    deployment.spec.template.spec.containers[0].imagePullPolcy = 'Always';
    deployment.spec.revisionHistoryLimit = 'three';
    const scaledObject = structuredClone(named(rendered.prod, 'ScaledObject', 'workflow-worker')) as Manifest & Doc;
    scaledObject.spec.maxReplicas = 4;
    const unknownKind = { ...structuredClone(named(rendered.prod, 'Service', 'core')), kind: 'Servise' } as Manifest;
    const problems = validateManifests([deployment, scaledObject, unknownKind]);
    const about = (object: string, text: string) => problems.some((p) => p.object === object && p.message.includes(text));
    expect({
      misspelt: about('Deployment/gateway', 'imagePullPolcy'),
      wrongType: about('Deployment/gateway', 'revisionHistoryLimit'),
      keda: about('ScaledObject/workflow-worker', 'maxReplicas'),
      unknownKind: problems.some((p) => p.object === 'Servise/core'),
    }).toEqual({ misspelt: true, wrongType: true, keda: true, unknownKind: true });
  }, 180_000);

  it('never renders a Secret: workloads reference them (envFrom, secretKeyRef), the values are created out of band', () => {
    for (const overlay of OVERLAYS) {
      expect(kindIn(rendered[overlay], 'Secret')).toEqual([]);
      for (const { spec } of podSpecs(rendered[overlay]))
        for (const container of spec.containers)
          for (const variable of container.env ?? [])
            expect({ name: variable.name, inline: 'value' in variable && /SECRET|PASSWORD|_URL$/.test(variable.name) }).toEqual({
              name: variable.name,
              inline: false,
            });
    }
    const replica = (overlay: Manifest[]) =>
      named(overlay, 'Deployment', 'analytics').spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'DATABASE_REPLICA_URL')
        .valueFrom.secretKeyRef;
    expect(replica(rendered.dev)).toEqual({ name: 'flowgraph-replica-secrets', key: 'DATABASE_REPLICA_URL', optional: true });
    expect(replica(rendered.prod)).toEqual({ name: 'flowgraph-replica-secrets', key: 'DATABASE_REPLICA_URL', optional: false });
  });

  it('runs every pod non-root, seccomp RuntimeDefault, read-only root filesystem, no capabilities; Deployments roll with maxUnavailable 0 and spread', () => {
    for (const overlay of OVERLAYS) {
      for (const { name, spec } of podSpecs(rendered[overlay])) {
        expect({ name, pod: spec.securityContext }).toEqual({
          name,
          pod: expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
        });
        for (const container of spec.containers)
          expect({ name, container: container.securityContext }).toEqual({
            name,
            container: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          });
      }
      for (const deployment of kindIn(rendered[overlay], 'Deployment')) {
        expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
        const keys = deployment.spec.template.spec.topologySpreadConstraints.map((c: Doc) => c.topologyKey);
        expect(keys).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
      }
    }
  });

  it('dev: one replica each, no autoscalers or disruption budgets', () => {
    for (const deployment of kindIn(rendered.dev, 'Deployment')) expect(deployment.spec.replicas).toBe(1);
    for (const kind of ['HorizontalPodAutoscaler', 'ScaledObject', 'PodDisruptionBudget', 'Rollout'])
      expect(kindIn(rendered.dev, kind)).toEqual([]);
  });

  it('prod: CPU autoscaling at 70 % for the gateway (min 2) and every subgraph, which own their replica count', () => {
    for (const name of ['gateway', ...SUBGRAPHS]) {
      const hpa = named(rendered.prod, 'HorizontalPodAutoscaler', name);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBe(2);
      expect(hpa.spec.metrics).toEqual([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ]);
      expect(named(rendered.prod, 'Deployment', name).spec.replicas).toBeUndefined();
      expect(named(rendered.prod, 'PodDisruptionBudget', name).spec.minAvailable).toBe(1);
    }
  });

  it('prod: workers scale on the BullMQ wait lists of queues the code declares, under the ConfigMap’s REDIS_PREFIX', () => {
    const prefix = (ofKind('ConfigMap')[0].data as Record<string, string>).REDIS_PREFIX;
    const declaredQueues = SUBGRAPHS.flatMap((name) =>
      [...read(`subgraphs/${name}/src/jobs/queues.ts`).matchAll(/^\s+\w+: '([\w-]+)',$/gm)].map((m) => m[1]),
    );
    expect(declaredQueues).toContain('workflow-executions');
    const lists = kindIn(rendered.prod, 'ScaledObject').flatMap((so) =>
      so.spec.triggers
        .filter((t: Doc) => t.type === 'redis')
        .map((t: Doc) => ({ worker: so.spec.scaleTargetRef.name, list: t.metadata.listName })),
    );
    expect(lists.map((l) => l.worker)).toEqual(expect.arrayContaining(['workflow-worker', 'analytics-worker', 'integration-worker']));
    for (const { worker, list } of lists) {
      const queue = new RegExp(`^${prefix}:bull:([\\w-]+):wait$`).exec(list)?.[1];
      expect({
        worker,
        list,
        declared: queue !== undefined && declaredQueues.includes(queue) && worker.startsWith(queue.split('-')[0]),
      }).toEqual({ worker, list, declared: true });
      expect(named(rendered.prod, 'Deployment', worker).spec.replicas).toBeUndefined();
    }
  });

  it('allows only the paths the code uses: default deny, the gateway from the ingress, each subgraph from its callers', () => {
    const policies = kindIn(rendered.prod, 'NetworkPolicy');
    const deny = policies.find((p) => p.metadata.name === 'default-deny')!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const ingressTo = (name: string) =>
      policies
        .filter((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === name && p.spec.ingress)
        .flatMap((p) => p.spec.ingress.flatMap((r: Doc) => r.from));
    expect(ingressTo('gateway')).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]);
    const callers = (name: string) =>
      ingressTo(name)
        .map((f: Doc) => f.podSelector.matchLabels['app.kubernetes.io/name'])
        .sort();
    expect(Object.fromEntries(SUBGRAPHS.map((name) => [name, callers(name)]))).toEqual({
      core: ['gateway', 'integration', 'integration-worker', 'workflow-worker'],
      workflow: ['analytics', 'analytics-worker', 'core-worker', 'gateway'],
      integration: ['core-worker', 'gateway', 'workflow-worker'],
      analytics: ['core-worker', 'gateway'],
    });
    // Each caller's origin variable is read by the code that calls (the subgraph → origin map of the ConfigMap).
    expect(read('subgraphs/workflow/src/workers.ts')).toMatch(/CORE_ORIGIN[\s\S]*INTEGRATION_ORIGIN/);
    expect(read('subgraphs/analytics/src/worker.ts')).toContain('WORKFLOW_ORIGIN');
    expect(read('subgraphs/integration/src/modules/health/health.module.ts')).toContain('CORE_ORIGIN');
    expect(read('subgraphs/core/src/worker.ts')).toMatch(/WORKFLOW_ORIGIN[\s\S]*INTEGRATION_ORIGIN[\s\S]*ANALYTICS_ORIGIN/);
    const internet = policies.find((p) => p.metadata.name === 'internet-from-connectors')!;
    expect(internet.spec.podSelector.matchExpressions[0].values.sort()).toEqual(['integration', 'integration-worker', 'workflow-worker']);
  });

  it('lets Prometheus (namespace monitoring) scrape every pod given METRICS_PORT: annotations, a metrics port, a NetworkPolicy, no Service', () => {
    for (const overlay of OVERLAYS) {
      const scraped = kindIn(rendered[overlay], 'Deployment').filter(
        (d) => 'METRICS_PORT' in renderedEnv(rendered[overlay], d.spec.template.spec.containers[0]),
      );
      // The ConfigMap gives it to every process: the gateway, the four subgraph servers and the four workers.
      expect(scraped.map((d) => d.metadata.name).sort()).toEqual(
        kindIn(rendered[overlay], 'Deployment')
          .map((d) => d.metadata.name)
          .sort(),
      );
      expect(scraped.length).toBe(9);
      for (const deployment of scraped) {
        const { metadata, spec } = deployment.spec.template;
        const [container] = spec.containers;
        const port = Number(renderedEnv(rendered[overlay], container).METRICS_PORT);
        const name = `${overlay}/${deployment.metadata.name}`;
        expect({ name, annotations: metadata.annotations }).toEqual({
          name,
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' },
        });
        expect({ name, ports: container.ports }).toEqual({
          name,
          ports: expect.arrayContaining([{ name: 'metrics', containerPort: port }]),
        });
        expect({
          name,
          admitted: admitsIngress(rendered[overlay], metadata.labels, 'monitoring', { number: port, name: 'metrics' }),
        }).toEqual({
          name,
          admitted: true,
        });
        const exposing = kindIn(rendered[overlay], 'Service').filter(
          (s) =>
            selects({ matchLabels: s.spec.selector }, metadata.labels) &&
            s.spec.ports.some((p: Doc) => [port, 'metrics'].includes(p.targetPort)),
        );
        expect({ name, exposing }).toEqual({ name, exposing: [] });
      }
    }
  });

  it('the NetworkPolicy check refuses another port, another namespace and a pod no policy selects', () => {
    const { labels } = named(rendered.prod, 'Deployment', 'core').spec.template.metadata;
    expect(admitsIngress(rendered.prod, labels, 'monitoring', { number: 9464, name: 'metrics' })).toBe(true);
    expect(admitsIngress(rendered.prod, labels, 'monitoring', { number: 9465, name: 'other' })).toBe(false);
    expect(admitsIngress(rendered.prod, labels, 'ingress-nginx', { number: 9464, name: 'metrics' })).toBe(false);
    expect(admitsIngress(rendered.prod, { 'app.kubernetes.io/name': 'migrate' }, 'monitoring', { number: 9464, name: 'metrics' })).toBe(
      false,
    );
  });

  it('gives every pod a terminationGracePeriodSeconds beyond SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS of its rendered env', () => {
    for (const overlay of OVERLAYS) {
      const deployments = kindIn(rendered[overlay], 'Deployment');
      // Every Deployment runs a process that stops through runProcess; the migration Job's script has no graceful stop.
      expect(deployments.filter((d) => !stopsGracefully(d.spec.template.spec.containers[0].command))).toEqual([]);
      expect(kindIn(rendered[overlay], 'Job').map((j) => stopsGracefully(j.spec.template.spec.containers[0].command))).toEqual([false]);
      expect(deployments.length).toBe(9);
      expect({ overlay, cutShort: podsCutShort(rendered[overlay]) }).toEqual({ overlay, cutShort: [] });
      // The ConfigMap sets both, with the endpoint-removal delay Kubernetes needs.
      const env = renderedEnv(rendered[overlay], deployments[0].spec.template.spec.containers[0]);
      expect({ delay: env.SHUTDOWN_DELAY_MS, grace: env.SHUTDOWN_GRACE_MS }).toEqual({ delay: '5000', grace: '25000' });
    }
  });

  it('fails the pods whose grace period a longer SHUTDOWN_GRACE_MS in the ConfigMap would outlast', () => {
    const longer = structuredClone(rendered.prod) as Doc[];
    longer.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'flowgraph-config')!.data.SHUTDOWN_GRACE_MS = '40000';
    // 5 s + 40 s: beyond the HTTP services' 35 s, within the workers' 60 s.
    expect(
      podsCutShort(longer as Manifest[])
        .map((p) => p.name)
        .sort(),
    ).toEqual(['analytics', 'core', 'gateway', 'integration', 'workflow']);
  });

  it('canary: the gateway and subgraphs roll 10 % → 50 % → 100 % under an analysis of error ratio and p95 that aborts the rollout', () => {
    const rollouts = kindIn(rendered.canary, 'Rollout');
    expect(rollouts.map((r) => r.metadata.name).sort()).toEqual(['analytics', 'core', 'gateway', 'integration', 'workflow']);
    for (const rollout of rollouts) {
      const { canary } = rollout.spec.strategy;
      expect(canary.steps.filter((s: Doc) => 'setWeight' in s).map((s: Doc) => s.setWeight)).toEqual([10, 50, 100]);
      expect(canary.analysis.templates).toEqual([{ templateName: 'gateway-health' }]);
      expect(rollout.spec.workloadRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: rollout.metadata.name });
      expect(named(rendered.canary, 'Deployment', rollout.metadata.name).spec.replicas).toBe(0);
      expect(named(rendered.canary, 'HorizontalPodAutoscaler', rollout.metadata.name).spec.scaleTargetRef.kind).toBe('Rollout');
    }
    const [template] = kindIn(rendered.canary, 'AnalysisTemplate');
    const metric = (name: string) => template.spec.metrics.find((m: Doc) => m.name === name);
    expect(metric('error-ratio').failureCondition).toBe('result[0] >= 0.01');
    expect(metric('error-ratio').provider.prometheus.query).toMatch(/graphql_errors_total[\s\S]*\/[\s\S]*graphql_operations_total/);
    expect(metric('p95-latency').failureCondition).toBe('result[0] >= 0.2');
    expect(metric('p95-latency').provider.prometheus.query).toMatch(
      /histogram_quantile\(0\.95, .*graphql_operation_duration_seconds_bucket/,
    );
    // The metrics exist in the gateway under these names.
    for (const name of ['graphql_errors_total', 'graphql_operations_total', 'graphql_operation_duration_seconds'])
      expect(read('gateway/src/metrics.ts')).toContain(`'${name}'`);
  });
});

describe('monitoring objects for Kubernetes (npm run k8s:monitoring)', () => {
  const printed = execFileSync('node', [path.join(repoRoot, 'scripts', 'k8s-monitoring.mjs')], { encoding: 'utf8' });
  const objects = parseAllDocuments(printed).map((document) => document.toJS() as Doc);

  it('prints a PrometheusRule and a dashboards ConfigMap that conform to their schemas', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'PrometheusRule/monitoring/flowgraph',
      'ConfigMap/monitoring/flowgraph-grafana-dashboards',
    ]);
    expect(validateManifests(objects as Manifest[])).toEqual([]);
    const misspelt = structuredClone(objects[0]);
    misspelt.spec.groups[0].rules[0].expresion = misspelt.spec.groups[0].rules[0].expr;
    expect(validateManifests([misspelt as Manifest])).toContainEqual({
      object: 'PrometheusRule/flowgraph',
      message: expect.stringContaining('expresion'),
    });
  }, 60_000);

  it('renders the files of deploy/monitoring as they are: the promtool-tested rules, every dashboard for the Grafana sidecar', () => {
    const [rule, dashboards] = objects;
    expect(rule.spec).toEqual(parse(read('deploy/monitoring/prometheus/alerts.yml')));
    const files = readdirSync(path.join(repoRoot, 'deploy/monitoring/grafana')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    expect(dashboards.data).toEqual(Object.fromEntries(files.map((f) => [`flowgraph-${f}`, read(`deploy/monitoring/grafana/${f}`)])));
    expect(dashboards.metadata.labels.grafana_dashboard).toBe('1');
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

  it('waits longer than SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS before it kills a stopping process (stop_grace_period)', () => {
    /** A compose duration (`30s`, `1m30s`, `500ms`) in milliseconds. */
    const durationMs = (text: string) => {
      const parts = [...text.matchAll(/(\d+)(h|ms|m|s)/g)];
      expect(parts.map((p) => p[0]).join('')).toBe(text);
      const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
      return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * unitMs[unit], 0);
    };
    expect(durationMs('1m30s')).toBe(90_000);
    const stopping = flowgraphServices.filter(([, service]) => stopsGracefully(service.command));
    expect(stopping.map(([name]) => name).sort()).toEqual(
      flowgraphServices
        .map(([name]) => name)
        .filter((name) => name !== 'migrate')
        .sort(),
    );
    for (const [name, service] of stopping) {
      // Docker's default is 10 s.
      const graceMs = durationMs(service.stop_grace_period ?? '10s');
      expect({ name, graceBeyondStop: graceMs > longestStopMs(service.environment) }).toEqual({ name, graceBeyondStop: true });
    }
  });

  it('conforms to the Compose Specification, and the check catches a misspelt key and a wrong value', () => {
    expect(validateCompose(compose)).toEqual([]);
    const broken = structuredClone(compose);
    broken.services.gateway.helthcheck = broken.services.gateway.healthcheck;
    broken.services.core.depends_on.migrate.condition = 'service_done';
    const problems = validateCompose(broken);
    expect(problems).toContainEqual({ object: '/services/gateway', message: expect.stringContaining('helthcheck') });
    expect(problems).toContainEqual({
      object: '/services/core/depends_on/migrate/condition',
      message: expect.stringContaining('allowed values'),
    });
  });

  it('builds from a multi-stage node 20 slim Dockerfile that prunes dev dependencies', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM node:20-bookworm-slim/gm)).toHaveLength(2);
    for (const step of ['RUN npm ci', 'npm run build', 'npm prune --omit=dev', 'USER node']) expect(dockerfile).toContain(step);
    // The backup CronJob runs pg_dump in the runtime image.
    expect(dockerfile.split(/^FROM /m).at(-1)).toMatch(/apt-get install -y --no-install-recommends postgresql-client/);
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
