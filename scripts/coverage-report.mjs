/**
 * Prints test coverage per package from the json-summary reports of `npm test -- --coverage`
 * (jest: coverage/jest, Vitest: coverage/web), then the totals and the floors of
 * coverage-thresholds.json. jest and Vitest enforce those floors themselves; this is the reading.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/paths.mjs';

const METRICS = ['lines', 'branches', 'functions', 'statements'];
const thresholds = JSON.parse(readFileSync(path.join(repoRoot, 'coverage-thresholds.json'), 'utf8'));

/** `packages/kernel/src/x.ts` → `packages/kernel`; `gateway/src/x.ts` → `gateway`. */
function packageOf(file) {
  const [top, name] = path.relative(repoRoot, file).split(path.sep);
  return top === 'packages' || top === 'subgraphs' ? `${top}/${name}` : top;
}

function empty() {
  return Object.fromEntries(METRICS.map((metric) => [metric, { covered: 0, total: 0 }]));
}

function add(into, counts) {
  for (const metric of METRICS) {
    into[metric].covered += counts[metric].covered;
    into[metric].total += counts[metric].total;
  }
}

const percent = ({ covered, total }) => (total === 0 ? 100 : (100 * covered) / total);

function readSummary(runner) {
  const file = path.join(repoRoot, 'coverage', runner, 'coverage-summary.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.log(`coverage: no ${runner} report at ${path.relative(repoRoot, file)} (run npm test -- --coverage)`);
    return undefined;
  }
}

const rows = [];
for (const runner of ['jest', 'web']) {
  const summary = readSummary(runner);
  if (!summary) continue;
  const byPackage = new Map();
  for (const [file, counts] of Object.entries(summary)) {
    if (file === 'total') continue;
    // Vitest's paths are the web app's own files.
    const name = runner === 'web' ? 'web' : packageOf(file);
    if (!byPackage.has(name)) byPackage.set(name, { files: 0, counts: empty() });
    const entry = byPackage.get(name);
    entry.files += 1;
    add(entry.counts, counts);
  }
  for (const [name, { files, counts }] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) rows.push({ name, files, counts });
  const floor = runner === 'jest' ? thresholds.jest.global : thresholds.web;
  rows.push({
    name: `${runner} total (floor: lines ${floor.lines} %, branches ${floor.branches} %)`,
    files: undefined,
    counts: summary.total,
  });
}

const width = Math.max(...rows.map((row) => row.name.length), 7);
console.log(`\n${'package'.padEnd(width)}  files   lines  branches  functions`);
for (const { name, files, counts } of rows) {
  const cells = ['lines', 'branches', 'functions'].map((metric) => `${percent(counts[metric]).toFixed(1)} %`.padStart(metric.length + 2));
  console.log(`${name.padEnd(width)}  ${String(files ?? '').padStart(5)}  ${cells.join('  ')}`);
}
