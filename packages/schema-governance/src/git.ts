import { execFileSync } from 'node:child_process';

/** Runs git in `cwd`; undefined when git fails (not a checkout, unknown ref, missing file). */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or undefined when it names none (or `cwd` is not a git checkout). */
export function commitOf(cwd: string, ref: string): string | undefined {
  return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim() || undefined;
}

/** The commit where HEAD's history left `commit` (itself when HEAD contains it); undefined in a shallow clone that lacks it. */
export function mergeBase(cwd: string, commit: string): string | undefined {
  return git(cwd, ['merge-base', 'HEAD', commit])?.trim() || undefined;
}

/** A file as committed at `commit` (path relative to the repository root), or undefined. */
export function fileAt(cwd: string, commit: string, path: string): string | undefined {
  return git(cwd, ['show', `${commit}:${path}`]);
}

/** The path of `cwd` inside its repository (`''` at the top), or undefined outside a checkout. */
export function prefixOf(cwd: string): string | undefined {
  return git(cwd, ['rev-parse', '--show-prefix'])?.trim();
}
