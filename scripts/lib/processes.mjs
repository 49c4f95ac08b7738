import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { UserError } from './user-error.mjs';

/** A service stops within SHUTDOWN_GRACE_MS (default 25 s, exit 1 past it); SIGKILL only if it hangs even then. */
const stopTimeoutMs = (env) => (Number(env.SHUTDOWN_GRACE_MS) || 25_000) + 5000;
const COLORS = [36, 35, 33, 32, 34, 91, 96];

/**
 * The services `npm start` runs as child processes. Each child gets its own process group so
 * that the terminal's Ctrl-C reaches only us: we then stop them once, in order (gateway first),
 * before the databases they use.
 */
export class ProcessGroup {
  #children = [];
  #width = 0;

  /**
   * Spawns `node ...nodeArgs <file> ...args` with `env`; its output lines are printed as
   * "name | line". `endsBySignal`: a tool without a stop of its own (tsc --watch), for which
   * dying of the SIGTERM is a clean stop.
   */
  spawnNode(name, file, env, { nodeArgs = [], args = [], endsBySignal = false } = {}) {
    const child = spawn(process.execPath, [...nodeArgs, file, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = {
      name,
      child,
      endsBySignal,
      exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    };
    this.#children.push(entry);
    this.#width = Math.max(this.#width, name.length);
    const color = COLORS[(this.#children.length - 1) % COLORS.length];
    const prefix = () => {
      const label = name.padEnd(this.#width);
      return process.stdout.isTTY ? `\x1b[${color}m${label}\x1b[0m | ` : `${label} | `;
    };
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix()}${line}\n`));
    }
    return entry;
  }

  /** Resolves with the first child that exits (for "a service died" handling). */
  firstExit() {
    return Promise.race(this.#children.map((e) => e.exited.then((result) => ({ name: e.name, ...result }))));
  }

  /**
   * SIGTERM to each child, newest first (gateway before subgraphs), each stopping before the
   * next; SIGKILL past its grace period. Resolves with the children that did not stop cleanly
   * (exit code other than 0), as `{ name, code, signal }`.
   */
  async stopAll(env = process.env) {
    const unclean = [];
    for (const { name, child, exited, endsBySignal } of [...this.#children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs(env));
      const { code, signal } = await exited;
      clearTimeout(timer);
      if (code !== 0 && !(endsBySignal && signal === 'SIGTERM')) unclean.push({ name, code, signal });
    }
    return unclean;
  }

  /** Synchronous last resort (process 'exit' handler): nothing may outlive us. */
  killAll() {
    for (const { child } of this.#children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      // The whole process group: under `npm run dev` the service is node --watch's child.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  }
}

/**
 * Polls `url` until it answers 200. Rejects if `exited` settles first (the service died) or
 * after `timeoutMs`, with the last thing the endpoint said.
 */
export async function waitForReady(name, url, exited, timeoutMs = 60_000) {
  let dead = null;
  exited.then((result) => (dead = result));
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (dead) throw new UserError(`${name} exited (${dead.signal ?? `code ${dead.code}`}) before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new UserError(`${name} was not ready at ${url} after ${timeoutMs / 1000} s (last answer: ${last})`);
}
