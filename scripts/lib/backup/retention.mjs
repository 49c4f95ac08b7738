import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readManifest } from './manifest.mjs';

/** The UTC hour and day a time falls in: backups in the same bucket replace each other. */
const BUCKETS = {
  hourly: (time) => time.toISOString().slice(0, 13),
  daily: (time) => time.toISOString().slice(0, 10),
};

/**
 * Which backups a policy keeps (restic's `--keep-hourly/--keep-daily` rule): from the newest
 * down, a backup is kept for a rule when it is the newest of its hour (day) and that rule has
 * kept fewer than its count of hours (days) so far. The newest backup is always kept.
 * `backups`: `[{ name, time: Date }]` in any order. Returns `{ keep, prune }`, names newest first.
 */
export function selectRetained(backups, { hourly, daily }) {
  const newestFirst = [...backups].sort((a, b) => b.time - a.time || b.name.localeCompare(a.name));
  const kept = new Set(newestFirst.slice(0, 1).map((b) => b.name));
  for (const [rule, count] of [
    ['hourly', hourly],
    ['daily', daily],
  ]) {
    const seen = new Set();
    for (const backup of newestFirst) {
      const bucket = BUCKETS[rule](backup.time);
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      kept.add(backup.name);
    }
  }
  return {
    keep: newestFirst.filter((b) => kept.has(b.name)).map((b) => b.name),
    prune: newestFirst.filter((b) => !kept.has(b.name)).map((b) => b.name),
  };
}

/**
 * The finished backups in `root` (directories with a readable manifest), newest first, as
 * `{ name, dir, time, manifest }`; `time` is the manifest's snapshot time. Directories still being
 * written (`*.partial`) and anything else are left out.
 */
export async function listBackups(root) {
  const entries = await readdir(root, { withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const backups = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.endsWith('.partial')) continue;
    const dir = path.join(root, entry.name);
    const manifest = await readManifest(dir).catch(() => null);
    if (manifest) backups.push({ name: entry.name, dir, time: new Date(manifest.snapshotAt), manifest });
  }
  return backups.sort((a, b) => b.time - a.time);
}

/** Deletes the backups in `root` the policy does not keep. Returns `{ keep, prune }` (names). */
export async function pruneBackups(root, policy) {
  const backups = await listBackups(root);
  const decision = selectRetained(backups, policy);
  for (const name of decision.prune) await rm(path.join(root, name), { recursive: true, force: true });
  return decision;
}
