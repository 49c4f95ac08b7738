/**
 * `npm test`: the jest suite (every package, the end-to-end tests, the browser journey), then the
 * web app's component tests (Vitest, in web/). Arguments go to jest; with `--outputFile=<file>`
 * (CI), Vitest writes its JSON report beside it as `<file without .json>.vitest.json`, which
 * .ci/run adds to the summary line. With `--coverage`, both measure coverage (floors in
 * coverage-thresholds.json) and the per-package figures are printed at the end
 * (scripts/coverage-report.mjs). Exits non-zero when either fails; Vitest runs either way.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './lib/paths.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const outputFile = args.find((arg) => arg.startsWith('--outputFile='))?.slice('--outputFile='.length);

const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { cwd: repoRoot, stdio: 'inherit' });

const coverage = args.includes('--coverage');
const vitestArgs = ['run', ...(coverage ? ['--coverage'] : [])];
if (outputFile) {
  const report = path.resolve(repoRoot, outputFile.replace(/\.json$/, '') + '.vitest.json');
  vitestArgs.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
}
const web = path.join(repoRoot, 'web');
const vitestBin = path.join(path.dirname(createRequire(path.join(web, 'package.json')).resolve('vitest/package.json')), 'vitest.mjs');
const vitest = spawnSync(process.execPath, [vitestBin, ...vitestArgs], {
  cwd: web,
  stdio: 'inherit',
});

if (coverage) spawnSync(process.execPath, [path.join(repoRoot, 'scripts/coverage-report.mjs')], { cwd: repoRoot, stdio: 'inherit' });

process.exit(jest.status || vitest.status || (jest.signal || vitest.signal ? 1 : 0));
