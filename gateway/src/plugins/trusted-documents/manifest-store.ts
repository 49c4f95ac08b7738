import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@flowgraph/kernel';
import { CLIENT_NAME, MANIFEST_FILE, parseManifest, type Manifest, type TrustedDocument } from '@flowgraph/supergraph';

export interface ManifestStoreOptions {
  /** Folder holding one sub-folder per client (`TRUSTED_DOCUMENTS_DIR`). Required. */
  dir: string;
  /** How often to look for changed manifests (`TRUSTED_DOCUMENTS_RELOAD_MS`). Default: 2 000 ms; 0 loads once. */
  reloadIntervalMs?: number;
  logger: Logger;
}

export interface ManifestStore {
  /** The client's trusted documents, or undefined when it has no (valid) manifest. */
  forClient(client: string): Manifest | undefined;
  /** A document of any client by id (documents are public; ids are hashes of their bodies). */
  find(id: string): TrustedDocument | undefined;
  /** Client names with a manifest loaded. */
  clients(): string[];
  /** Looks for changes now (the poller does this every interval). */
  reload(): Promise<void>;
  /** Stops polling. */
  close(): void;
}

interface Loaded {
  manifest: Manifest;
  /** stat fingerprint of the file last read, good or not, so a broken file is not re-read every poll. */
  seen: string;
}

const fingerprint = (s: { mtimeMs: number; size: number; ino: number }) => `${s.mtimeMs}:${s.size}:${s.ino}`;

/**
 * Loads every client's manifest and keeps them current by polling file stats (robust on Linux,
 * with Kubernetes ConfigMap symlink swaps and network volumes, where fs.watch misses events).
 * A changed file is re-read and swapped in whole; a file that fails to parse or validate is
 * logged and the client keeps its previous good version; a removed file removes the client.
 */
export async function loadManifestStore(options: ManifestStoreOptions): Promise<ManifestStore> {
  const { dir, logger } = options;
  const interval = options.reloadIntervalMs ?? 2_000;
  let clients = new Map<string, Loaded>();
  let index = new Map<string, TrustedDocument>();
  let missingDirLogged = false;
  let scanning: Promise<void> | undefined;

  async function clientNames(): Promise<string[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      missingDirLogged = false;
      return entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && CLIENT_NAME.test(e.name)).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!missingDirLogged) logger.warn({ dir }, 'trusted documents folder not found: no client manifests');
      missingDirLogged = true;
      return [];
    }
  }

  async function scan(): Promise<void> {
    const next = new Map<string, Loaded>();
    for (const client of await clientNames()) {
      const file = join(dir, client, MANIFEST_FILE);
      const previous = clients.get(client);
      let seen: string;
      try {
        seen = fingerprint(await stat(file));
      } catch {
        continue; // a folder without a manifest (yet): no client
      }
      if (previous?.seen === seen) {
        next.set(client, previous);
        continue;
      }
      try {
        const manifest = parseManifest(JSON.parse(await readFile(file, 'utf8')));
        next.set(client, { manifest, seen });
        logger.info({ client, file, operations: manifest.size }, 'trusted documents loaded');
      } catch (error) {
        logger.error(
          { client, file, reason: (error as Error).message },
          previous ? 'trusted documents manifest refused; keeping the previous version' : 'trusted documents manifest refused',
        );
        if (previous) next.set(client, { manifest: previous.manifest, seen });
        else next.set(client, { manifest: new Map(), seen });
      }
    }
    for (const client of clients.keys()) if (!next.has(client)) logger.info({ client }, 'trusted documents removed');
    const nextIndex = new Map<string, TrustedDocument>();
    for (const { manifest } of next.values()) for (const [id, document] of manifest) nextIndex.set(id, document);
    // Swap both at once: a request sees the old set or the new one, never a mix.
    clients = next;
    index = nextIndex;
  }

  const reload = (): Promise<void> => {
    scanning ??= scan().finally(() => {
      scanning = undefined;
    });
    return scanning;
  };

  await reload();
  const timer =
    interval > 0
      ? setInterval(
          () => void reload().catch((error: unknown) => logger.error({ err: error, dir }, 'trusted documents reload failed')),
          interval,
        )
      : undefined;
  timer?.unref();

  return {
    forClient: (client) => {
      const loaded = clients.get(client);
      return loaded && loaded.manifest.size > 0 ? loaded.manifest : undefined;
    },
    find: (id) => index.get(id),
    clients: () => [...clients.keys()].filter((c) => clients.get(c)!.manifest.size > 0),
    reload,
    close: () => clearInterval(timer),
  };
}
