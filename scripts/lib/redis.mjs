import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isPortFree } from './ports.mjs';
import { UserError } from './user-error.mjs';

export const LOCAL_REDIS_PORT = 6379;
export const SPAWNED_REDIS_PORT = 6380;
export const REDIS_MISSING = 'Redis not found: set REDIS_URL or install redis-server (apt-get install redis-server)';

/**
 * Sends PING over a raw socket (no client library: this runs before anything is installed or
 * built). Resolves `{ ok: true }` on +PONG, else `{ ok: false, reason, message }` where reason
 * is `unreachable` or `refused` (an error reply such as NOAUTH).
 */
export function pingRedis(url, timeoutMs = 1000) {
  const u = new URL(url);
  const port = Number(u.port || 6379);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, reason: 'unreachable', message: `no answer from ${host}:${port}` }));
    socket.once('error', (error) => done({ ok: false, reason: 'unreachable', message: error.message }));
    socket.once('connect', () => {
      // AUTH first when the URL carries a password, so a protected Redis answers PONG.
      const password = decodeURIComponent(u.password || '');
      const user = decodeURIComponent(u.username || '');
      if (password) socket.write(user ? `AUTH ${user} ${password}\r\n` : `AUTH ${password}\r\n`);
      socket.write('PING\r\n');
    });
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('+PONG')) done({ ok: true });
      else if (/^-/m.test(reply)) done({ ok: false, reason: 'refused', message: reply.trim().split('\r\n')[0].slice(1) });
    });
  });
}

/** The absolute path of an executable on `pathVar` (a PATH string), or null. */
export function findOnPath(command, pathVar = process.env.PATH ?? '') {
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

async function waitForPong(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    if ((await pingRedis(url, 500)).ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Starts `redis-server` in the background: no RDB/AOF files, localhost only, stopped by `stop()`. */
async function spawnRedis(binary, port) {
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    detached: true, // own process group: stopped by us after the services, not by the terminal's Ctrl-C
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-2000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitForPong(url, child, 10_000))) {
    child.kill('SIGKILL');
    throw new UserError(`redis-server (${binary}) did not start on :${port}: ${output.trim().split('\n').pop() ?? 'no output'}`);
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/**
 * Finds the Redis to use, in this order:
 *   1. REDIS_URL, when set;
 *   2. a Redis on 127.0.0.1:6379 that answers PING;
 *   3. `redis-server` from PATH, started on :6380 without persistence (stopped by `stop()`);
 *   otherwise throws one line saying what is missing and how to get it.
 * Ports are parameters so tests can point at unused ones.
 */
export async function resolveRedis({
  env = process.env,
  log = console.log,
  localPort = LOCAL_REDIS_PORT,
  spawnPort = SPAWNED_REDIS_PORT,
} = {}) {
  const noop = { stop: async () => {}, kill: () => {} };
  if (env.REDIS_URL) {
    log(`Using Redis from REDIS_URL (${new URL(env.REDIS_URL).host})`);
    return { url: env.REDIS_URL, source: 'env', ...noop };
  }
  const localUrl = `redis://127.0.0.1:${localPort}`;
  const ping = await pingRedis(localUrl);
  if (ping.ok) {
    log(`Using Redis at 127.0.0.1:${localPort}`);
    return { url: localUrl, source: 'local', ...noop };
  }
  if (ping.reason === 'refused') {
    throw new UserError(`Redis at 127.0.0.1:${localPort} refused PING (${ping.message}): set REDIS_URL with its credentials.`);
  }
  const binary = findOnPath('redis-server', env.PATH);
  if (!binary) throw new UserError(REDIS_MISSING);
  if (!(await isPortFree(spawnPort))) {
    throw new UserError(`Port ${spawnPort} (redis-server) is already in use: stop what uses it or set REDIS_URL.`);
  }
  const spawned = await spawnRedis(binary, spawnPort);
  log(`Started redis-server on :${spawnPort} (no persistence; stopped on exit)`);
  return { url: spawned.url, source: 'spawned', stop: spawned.stop, kill: spawned.kill };
}
