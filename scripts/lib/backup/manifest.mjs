import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../user-error.mjs';

/** The manifest's name inside a backup directory, and the format this code writes and reads. */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'flowgraph-backup/1';

/** `{ bytes, sha256 }` of a file, read as a stream (dumps can be large). */
export async function describeFile(file) {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** A manifest `files` entry for `name` in `dir`, with what it holds (`kind`, and more fields from `about`). */
export async function fileEntry(dir, name, about) {
  return { name, ...about, ...(await describeFile(path.join(dir, name))) };
}

/** Reads and checks the shape of `dir`'s manifest; a missing or foreign one is a UserError. */
export async function readManifest(dir) {
  let text;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new UserError(`${dir} is not a Flowgraph backup (no ${MANIFEST_FILE})`);
  }
  let manifest;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new UserError(`${path.join(dir, MANIFEST_FILE)} is not valid JSON: the backup is damaged`);
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.files)) {
    throw new UserError(`${path.join(dir, MANIFEST_FILE)} is not a ${BACKUP_FORMAT} manifest (format: ${manifest?.format ?? 'none'})`);
  }
  return manifest;
}

/**
 * Compares every file the manifest lists with its recorded size and sha256, before anything is
 * restored. Throws one UserError naming each file that is missing or differs.
 */
export async function verifyFiles(dir, manifest) {
  const problems = [];
  for (const entry of manifest.files) {
    const file = path.join(dir, entry.name);
    const found = await stat(file).catch(() => null);
    if (!found) {
      problems.push(`${entry.name} is missing`);
      continue;
    }
    const actual = await describeFile(file);
    if (actual.bytes !== entry.bytes) problems.push(`${entry.name} has ${actual.bytes} bytes, the manifest says ${entry.bytes}`);
    else if (actual.sha256 !== entry.sha256) problems.push(`${entry.name} has sha256 ${actual.sha256}, the manifest says ${entry.sha256}`);
  }
  if (problems.length > 0) {
    throw new UserError(`Checksum mismatch in ${dir}: ${problems.join('; ')}. The backup is damaged: restore another one.`);
  }
}
