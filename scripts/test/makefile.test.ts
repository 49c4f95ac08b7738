import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helpers';

const scripts = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;

/** What `make <target>` would run (make -n prints the commands without running them). */
const dryRun = (...args: string[]) => execFileSync('make', ['-n', '-C', repoRoot, ...args], { encoding: 'utf8' }).trim();

describe('Makefile', () => {
  it.each([
    ['dev', 'npm run dev --'],
    ['test', 'npm test --'],
    ['lint', 'npm run lint --'],
    ['doctor', 'npm run doctor'],
    ['start', 'npm start --'],
    ['typecheck', 'npm run typecheck'],
  ])('make %s is an alias of an npm script that exists: %s', (target, command) => {
    expect(dryRun('--no-print-directory', target)).toBe(command);
    const script = command.split(' ')[command.startsWith('npm run') ? 2 : 1];
    expect(scripts[script]).toBeDefined();
  });

  it('passes ARGS through to the npm script', () => {
    expect(dryRun('--no-print-directory', 'test', 'ARGS=subgraphs/core -w 1')).toBe('npm test -- subgraphs/core -w 1');
  });
});
