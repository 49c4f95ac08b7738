import { utimesSync } from 'node:fs';
import path from 'node:path';
import { isListening, repoRoot, startPlatform, type PlatformRun } from './helpers';

const EVERY_PROCESS = [
  'analytics',
  'analytics-worker',
  'core',
  'core-worker',
  'gateway',
  'integration',
  'integration-worker',
  'workflow',
  'workflow-worker',
];

/** The processes that printed node --watch's "Restarting" line in `output` ("name | Restarting '…'"). */
function restarted(output: string): string[] {
  return [...new Set([...output.matchAll(/^(\S+)\s*\| Restarting '/gm)].map((m) => m[1]))].sort();
}

/** Touches a built file, as `tsc -b --watch` does when it rewrites it. */
function touch(file: string): void {
  const now = new Date();
  utimesSync(path.join(repoRoot, file), now, now);
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ready = (port: number) =>
  fetch(`http://127.0.0.1:${port}/readyz`).then(
    (r) => r.status === 200,
    () => false,
  );

describe('npm run dev', () => {
  let platform: PlatformRun | undefined;

  afterAll(() => platform?.cleanUp());

  it('restarts only the service whose package was rebuilt, every process when the kernel was, and stops them all', async () => {
    platform = await startPlatform('dev', { args: ['--watch'], unset: ['METRICS_PORT'] });
    const { child, ports, output, unlessExited } = platform;
    // Running, and tsc's first pass done (it would otherwise rewrite output under our feet).
    await unlessExited(
      until(
        'the platform and tsc --watch',
        () => output().includes('Press Ctrl-C to stop.') && /tsc\s*\|.*Watching for file changes/.test(output()),
      ),
    );
    expect(restarted(output())).toEqual([]);

    let mark = output().length;
    touch('subgraphs/integration/dist/src/main.js');
    await unlessExited(
      until(
        'integration to restart and be ready',
        async () => restarted(output().slice(mark)).length > 0 && (await ready(ports.INTEGRATION_PORT)),
      ),
    );
    await new Promise((r) => setTimeout(r, 2000)); // time for any wrong restart to show
    // Both processes of the package run its build output.
    expect(restarted(output().slice(mark))).toEqual(['integration', 'integration-worker']);

    mark = output().length;
    touch('packages/kernel/dist/index.js');
    await unlessExited(until('every process to restart', () => restarted(output().slice(mark)).length === EVERY_PROCESS.length));
    expect(restarted(output().slice(mark))).toEqual(EVERY_PROCESS);
    await unlessExited(until('the gateway to be ready again', () => ready(ports.GATEWAY_PORT)));

    child.kill('SIGTERM');
    expect(await platform.exited).toBe(0);
    // node --watch's children are stopped too: nothing still listens.
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  }, 280_000);
});
