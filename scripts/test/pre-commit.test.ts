import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helpers';

jest.setTimeout(120_000);

/**
 * A throwaway git repository with this repository's package.json, lint-staged, ESLint (and its
 * rules), Prettier and TypeScript settings, its node_modules, and one package (packages/kernel) to commit into.
 */
function scratchRepository(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fg-pre-commit-'));
  for (const file of [
    'package.json',
    'lint-staged.config.js',
    'eslint.config.mjs',
    '.prettierrc.json',
    '.prettierignore',
    'tsconfig.json',
    'tsconfig.base.json',
  ]) {
    copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  // The repository's own ESLint rules, which eslint.config.mjs loads.
  cpSync(path.join(repoRoot, 'scripts/lint'), path.join(dir, 'scripts/lint'), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  mkdirSync(path.join(dir, 'packages/kernel/src'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'packages/kernel/tsconfig.json'), path.join(dir, 'packages/kernel/tsconfig.json'));
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\ndist\n*.tsbuildinfo\n');
  execFileSync('git', ['init', '--quiet', dir]);
  return dir;
}

const git = (dir: string, ...args: string[]) =>
  spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' });

describe('pre-commit hook', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratchRepository();
    // What `npm install` runs after installing: the prepare script installs the hook.
    const prepare = spawnSync('npm', ['run', 'prepare'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SKIP_INSTALL_SIMPLE_GIT_HOOKS: '' },
    });
    expect(prepare.status).toBe(0);
    git(dir, 'add', '--all');
    expect(git(dir, 'commit', '--quiet', '--no-verify', '-m', 'settings').status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const commit = (file: string, text: string) => {
    writeFileSync(path.join(dir, file), text);
    git(dir, 'add', '--all');
    return git(dir, 'commit', '--quiet', '-m', `add ${file}`);
  };

  it('refuses a commit whose staged file breaks a lint rule, naming the rule', () => {
    const result = commit('packages/kernel/src/lint.ts', 'export let value: number = 1;\n');
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('prefer-const');
  });

  it('refuses a commit that does not typecheck in the package it touches', () => {
    git(dir, 'reset', '--quiet');
    rmSync(path.join(dir, 'packages/kernel/src/lint.ts'));
    const result = commit('packages/kernel/src/types.ts', "export const value: number = 'one';\n");
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('TS2322');
  });

  it('lets a clean commit through', () => {
    git(dir, 'reset', '--quiet');
    rmSync(path.join(dir, 'packages/kernel/src/types.ts'));
    const result = commit('packages/kernel/src/fine.ts', 'export const value = 1;\n');
    expect({ status: result.status, output: result.status === 0 ? '' : result.stdout + result.stderr }).toEqual({ status: 0, output: '' });
    expect(git(dir, 'log', '--format=%s').stdout.trim().split('\n')).toEqual(['add packages/kernel/src/fine.ts', 'settings']);
  });

  it('formats a staged file before committing it', () => {
    const result = commit('packages/kernel/src/shape.ts', 'export const shape = {a:1,\n  b : "two"}\n');
    expect(result.status).toBe(0);
    expect(git(dir, 'show', 'HEAD:packages/kernel/src/shape.ts').stdout).toBe("export const shape = { a: 1, b: 'two' };\n");
  });
});
