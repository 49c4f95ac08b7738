/**
 * Prints deploy/monitoring as Kubernetes objects for prometheus-operator and Grafana's dashboard
 * sidecar (as kube-prometheus-stack runs them): a PrometheusRule whose spec is alerts.yml as it is,
 * and a ConfigMap of the dashboards labelled `grafana_dashboard: "1"`. Rendered from the files, never
 * copied, so the rules applied are the rules promtool tests (docs/operations.md, "Monitoring on Kubernetes").
 *   npm run -s k8s:monitoring | kubectl apply -f -
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const monitoring = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'deploy', 'monitoring');
const partOf = { 'app.kubernetes.io/part-of': 'flowgraph' };
// Where the network policies (k8s/base/network-policies.yaml) expect Prometheus.
const metadata = (name, labels = {}) => ({ name, namespace: 'monitoring', labels: { ...partOf, ...labels } });

const rule = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: metadata('flowgraph'),
  spec: parse(readFileSync(path.join(monitoring, 'prometheus', 'alerts.yml'), 'utf8')),
};

const dashboardsDir = path.join(monitoring, 'grafana');
const dashboards = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: metadata('flowgraph-grafana-dashboards', { grafana_dashboard: '1' }),
  data: Object.fromEntries(
    readdirSync(dashboardsDir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => [`flowgraph-${file}`, readFileSync(path.join(dashboardsDir, file), 'utf8')]),
  ),
};

process.stdout.write([rule, dashboards].map((object) => stringify(object, { lineWidth: 0 })).join('---\n'));
