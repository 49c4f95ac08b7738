import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@flowgraph/kernel/testing';

/**
 * Postgres and Redis servers of a test's own, started from the machine's binaries: what a test
 * stops, restarts or replicates must never be the shared servers other test files are using.
 */

const run = promisify(execFile);
const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const POSTGRES_UID = 'postgres';

/** initdb and postgres refuse to run as root: as root, the cluster's commands run as the `postgres` user. */
function asClusterOwner(command: string, args: string[]): [string, string[]] {
  const binary = path.join(POSTGRES_BIN, command);
  return userInfo().uid === 0 ? ['runuser', ['-u', POSTGRES_UID, '--', binary, ...args]] : [binary, args];
}

async function clusterCommand(command: string, args: string[]): Promise<string> {
  const [file, argv] = asClusterOwner(command, args);
  const { stdout } = await run(file, argv, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export interface PostgresServer {
  port: number;
  dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust auth). */
  url(database?: string): string;
  /** Stops it (`fast`: disconnects clients; `immediate`: a crash, recovered at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  remove(): Promise<void>;
}

const SERVER_SETTINGS = (port: number, socketDir: string) => [
  `port = ${port}`,
  `listen_addresses = '127.0.0.1'`,
  `unix_socket_directories = '${socketDir}'`,
  `wal_level = replica`,
  `max_wal_senders = 5`,
  `max_connections = 100`,
  `fsync = off`, // a test's cluster: durability across a machine crash is not what it tests
  `hot_standby = on`,
];

async function ownedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', POSTGRES_UID]);
    const { stdout: gid } = await run('id', ['-g', POSTGRES_UID]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  return dir;
}

function postgresServer(port: number, root: string, dataDir: string): PostgresServer {
  const ctl = (...args: string[]) => clusterCommand('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), ...args]);
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async (mode = 'fast') => {
      await ctl('stop', '-m', mode, '-w');
    },
    start: async () => {
      await ctl('start', '-w', '-t', '60');
    },
    remove: async () => {
      await ctl('stop', '-m', 'immediate', '-w').catch(() => undefined); // already stopped
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A new, running Postgres cluster on a free port (trust auth, user `postgres`, streaming replication allowed). */
export async function startPostgres(): Promise<PostgresServer> {
  const root = await ownedTempDir('fg-pg-');
  const dataDir = path.join(root, 'data');
  await clusterCommand('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  await appendSettings(dataDir, SERVER_SETTINGS(port, root));
  const server = postgresServer(port, root, dataDir);
  await server.start();
  return server;
}

/** A streaming hot standby of `primary` (pg_basebackup -R), running on a free port. */
export async function startReplica(primary: PostgresServer): Promise<PostgresServer> {
  const root = await ownedTempDir('fg-pg-replica-');
  const dataDir = path.join(root, 'data');
  await clusterCommand('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '--no-sync',
  ]);
  const port = await freePort();
  await appendSettings(dataDir, SERVER_SETTINGS(port, root));
  const server = postgresServer(port, root, dataDir);
  await server.start();
  return server;
}

async function appendSettings(dataDir: string, lines: string[]): Promise<void> {
  // postgresql.auto.conf is read last: these win over postgresql.conf and over what pg_basebackup copied.
  const file = path.join(dataDir, 'postgresql.auto.conf');
  const existing = await readFile(file, 'utf8').catch(() => '');
  await writeFile(file, `${existing}\n${lines.join('\n')}\n`);
}

export interface RedisServer {
  port: number;
  url: string;
  /** Kills it (SIGKILL: a crash). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its append-only file, if it has one. */
  remove(): Promise<void>;
}

export interface RedisOptions {
  /**
   * Keeps an append-only file, as deployed (docker-compose.yml): a killed server comes back with
   * every write it acknowledged, queues and streams included. Default false: a restart loses
   * everything, as a crash of an unpersisted server would.
   */
  appendOnly?: boolean;
}

/** A redis-server of the test's own on a free port. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = options.appendOnly ? await mkdtemp(path.join(tmpdir(), 'fg-redis-')) : undefined;
  const persistence = dir ? ['--appendonly', 'yes', '--dir', dir] : ['--appendonly', 'no'];
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
    });
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async remove() {
      await stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
