import { join, posix } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { classifyChanges } from './changes';
import { apiSchemaOf } from './composition';
import { commitOf, fileAt, mergeBase, prefixOf } from './git';
import { ownership, supergraphOwners, type OwnerTable } from './ownership';
import type { RegisteredOperation } from './registry';
import type { Comparison } from './types';

/** The committed supergraph's path from the repository root, as git names it. */
const SUPERGRAPH = posix.join('gateway', 'supergraph.graphql');

/** A supergraph to compare the new API schema with. */
export interface Base {
  label: string;
  commit?: string;
  /** Its SDL; undefined when there is nothing to compare with (`note` says why). */
  sdl?: string;
  /** `same`: nothing to compare by construction (e.g. HEAD is main); `skipped`: could not compare. */
  status?: 'same' | 'skipped';
  note?: string;
}

/** Thrown for a `--base` ref that names no commit: the command cannot do what was asked. */
export class UnknownRefError extends Error {}

const short = (commit: string) => commit.slice(0, 12);

/** The supergraph at `ref` (`--base`): the ref must name a commit. */
export function baseAtRef(root: string, ref: string): Base {
  const commit = commitOf(root, ref);
  if (!commit) throw new UnknownRefError(`--base ${ref}: no such commit in ${root}`);
  const sdl = fileAt(root, commit, `${prefixOf(root) ?? ''}${SUPERGRAPH}`);
  if (sdl === undefined) return { label: ref, commit, status: 'skipped', note: `${ref} (${short(commit)}) has no ${SUPERGRAPH}` };
  return { label: ref, commit, sdl };
}

/**
 * The supergraph "main" had where this branch left it (the merge base with the first of
 * `refs` that exists). Degrades to a line, never an error: not a checkout, no main ref, HEAD
 * is main, or a shallow clone without the merge base.
 */
export function baseAtMain(root: string, refs: string[]): Base {
  const head = commitOf(root, 'HEAD');
  if (!head) return { label: 'main', status: 'skipped', note: `${root} is not a git checkout: no comparison with main` };
  const ref = refs.find((r) => commitOf(root, r) !== undefined);
  if (!ref) return { label: 'main', status: 'skipped', note: `no ${refs.join(' or ')} ref in this checkout: no comparison with main` };
  const main = commitOf(root, ref)!;
  const label = `main (${ref})`;
  if (main === head) return { label, commit: main, status: 'same', note: `HEAD is ${ref} (${short(main)}): same as main` };
  const forkPoint = mergeBase(root, main) ?? main;
  const sdl = fileAt(root, forkPoint, `${prefixOf(root) ?? ''}${SUPERGRAPH}`);
  if (sdl === undefined) return { label, commit: forkPoint, status: 'skipped', note: `${ref} at ${short(forkPoint)} has no ${SUPERGRAPH}` };
  return { label: forkPoint === main ? label : `${label}, merge base ${short(forkPoint)}`, commit: forkPoint, sdl };
}

/** The committed supergraph file as a base (what `npm run compose` last wrote). */
export function committedBase(sdl: string | undefined, root: string): Base {
  if (sdl === undefined) return { label: SUPERGRAPH, status: 'skipped', note: `${join(root, SUPERGRAPH)} does not exist` };
  return { label: SUPERGRAPH, sdl };
}

/** Compares the new API schema with one base; a base that no longer builds is skipped with the reason. */
export async function compareWith(
  base: Base,
  next: { schema: GraphQLSchema; owners: OwnerTable; sdl: string },
  operations: RegisteredOperation[],
): Promise<Comparison> {
  const head = { base: base.label, ...(base.commit ? { commit: base.commit } : {}) };
  if (base.sdl === undefined) return { ...head, status: base.status ?? 'skipped', ...(base.note ? { note: base.note } : {}), changes: [] };
  if (base.sdl === next.sdl) return { ...head, status: 'same', note: `the supergraph is the same as ${base.label}`, changes: [] };
  let schema: GraphQLSchema;
  try {
    schema = apiSchemaOf(base.sdl);
  } catch (error) {
    return { ...head, status: 'skipped', note: `${base.label} does not build as a supergraph: ${(error as Error).message}`, changes: [] };
  }
  const owners = ownership(next.owners, supergraphOwners(base.sdl));
  return { ...head, status: 'compared', changes: await classifyChanges(schema, next.schema, operations, owners) };
}
