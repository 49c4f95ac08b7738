import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { until } from '@flowgraph/kernel/testing';

// The Core subgraph as an operator runs it: its own process, started and stopped by the test.
const CORE_MAIN = path.join(__dirname, '..', '..', '..', 'core', 'src', 'main.ts');

/**
 * Starts Core on `port` and resolves once its /healthz answers. Under tsx, on a 2-core machine
 * busy with the rest of the suite, a start has taken over 20 s (CI, 2026-12-06): hence 60 s.
 */
export async function startCoreProcess(port: number, env: Record<string, string>, timeoutMs = 60_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CORE_MAIN], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`core exited with ${code}: ${output}`))));
  const healthy = until(
    async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)) || null,
    timeoutMs,
    'core to answer /healthz',
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([healthy, exited]);
  } catch (error) {
    // A Core that is slow to start is killed, not left running after the test that gave up on it.
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}
