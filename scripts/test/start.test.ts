import { readFileSync } from 'node:fs';
import { freeRange, startPlatform, type PlatformRun } from './helpers';

/** The environment of the child of `parentPid` running `entry`, read from Linux's /proc. */
function childEnvironment(parentPid: number, entry: string): Record<string, string> {
  const children = readFileSync(`/proc/${parentPid}/task/${parentPid}/children`, 'utf8').trim().split(/\s+/);
  const pid = children.find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(entry));
  if (!pid) throw new Error(`no child runs ${entry}`);
  const pairs = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

describe('npm start with METRICS_PORT set', () => {
  let platform: PlatformRun | undefined;

  afterAll(() => platform?.cleanUp());

  it('gives every process that serves metrics its own port from METRICS_PORT up, prints them, keeps running, and tells the gateway not to phone home', async () => {
    const metricsPort = await freeRange(9);
    // APOLLO_TELEMETRY_DISABLED unset: what npm start does by default, whatever this shell has.
    platform = await startPlatform('start', { env: { METRICS_PORT: String(metricsPort) }, unset: ['APOLLO_TELEMETRY_DISABLED'] });
    const { child, ports } = platform;
    await platform.unlessExited(
      new Promise<void>((resolve) => child.stdout!.on('data', () => platform!.output().includes('Press Ctrl-C to stop.') && resolve())),
    );
    const output = platform.output();

    const expected = {
      gateway: metricsPort,
      'core-worker': metricsPort + 1,
      'workflow-worker': metricsPort + 2,
      'analytics-worker': metricsPort + 3,
      'integration-worker': metricsPort + 4,
      core: metricsPort + 5,
      workflow: metricsPort + 6,
      integration: metricsPort + 7,
      analytics: metricsPort + 8,
    };
    for (const [name, port] of Object.entries(expected)) expect(output).toContain(`http://localhost:${port}/metrics (${name})`);
    expect(output).not.toContain('EADDRINUSE');
    for (const port of Object.values(expected)) {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# HELP');
    }
    // Every process is still up: the gateway answers ready.
    expect((await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/readyz`)).status).toBe(200);
    // The subgraph servers' metrics say which service they are, and time its SQL; the workers add their domain's gauges.
    const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(await scrape(expected.core)).toMatch(/^db_query_duration_seconds_count\{service="core"\} \d+$/m);
    expect(await scrape(expected['integration-worker'])).toContain('# TYPE integration_connections gauge');
    expect(await scrape(expected['analytics-worker'])).toMatch(
      /^analytics_activation_funnel\{step="joined",service="analytics-worker"\} \d+$/m,
    );
    // @apollo/gateway reports usage to Apollo unless told not to.
    const gatewayEnv = childEnvironment(child.pid!, 'gateway/dist/src/main.js');
    expect(gatewayEnv).toMatchObject({ APOLLO_TELEMETRY_DISABLED: 'true', METRICS_PORT: String(metricsPort) });

    child.kill('SIGTERM');
    expect(await platform.exited).toBe(0);
  }, 240_000);
});
