import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** `src/worker.ts` under jest, `dist/src/worker.js` for other packages' tests (e2e): the same process either way. */
const WORKER = require.resolve('../worker');

/**
 * Runs `script` (TypeScript under tsx) in its own Node process and resolves once its output contains `ready`.
 * A process that does not get there in time, or exits first, is killed and the promise rejects
 * with what it printed: nothing is left running after the test that gave up on it.
 */
export function startProcess(script: string, env: Record<string, string>, ready: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, script.endsWith('.ts') ? ['--import', 'tsx', script] : [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not start: ${output}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code ?? signal}: ${output}`));
    });
  });
}

/**
 * The real workflow worker process (`src/worker.ts`), once it logged that it started. Under jest
 * tsx compiles the worker's sources first: on a busy 2-core machine measuring coverage, that alone
 * has taken over 20 s.
 */
export function startWorkflowWorkerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ChildProcess> {
  return startProcess(WORKER, { LOG_LEVEL: 'info', ...env }, 'workflow worker started', timeoutMs);
}

/** Sends `signal` and waits for the exit (on SIGTERM the process closes its workers first). */
export function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
