/**
 * Bundle budgets (architecture-target.md §7.2), checked after `vite build`: the JavaScript and CSS
 * the app loads before its first page (≤ 200 KB gzipped), what each lazy route loads on top of
 * that (≤ 50 KB), and everything the app can load (≤ 500 KB). Prints every figure; exits 1 over
 * budget. Sizes are gzip (zlib's default level, as the gateway's compression sends them) of the files Vite wrote,
 * followed through the build manifest's static imports. The API explorer (explorer.html) is
 * a developer tool of its own with no budget: its size is printed, not counted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
export const BUDGETS = { initial: 200 * KB, route: 50 * KB, total: 500 * KB };
/**
 * Lazy chunks allowed more than the route budget, each with its reason; printed as over the
 * target every time, so the exception stays visible. The builder is React Flow (`@xyflow/react`,
 * with d3-zoom/drag/selection), ≈ 61 KB gzipped by itself, loaded only on a workflow's Builder tab.
 */
const EXCEPTIONS = { builder: { budget: 75 * KB, why: 'React Flow alone is ≈ 61 KB (docs/decisions/0028)' } };

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const gzipped = new Map();
const sizeOf = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(dist, file))).length);
  return gzipped.get(file);
};

/** The files a manifest entry loads at once: its chunk, its CSS, and those of its static imports. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return new Set();
  seen.add(key);
  const files = new Set([chunk.file, ...(chunk.css ?? [])]);
  for (const imported of chunk.imports ?? []) for (const file of closure(imported, seen)) files.add(file);
  return files;
}
const sum = (files) => [...files].reduce((total, file) => total + sizeOf(file), 0);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

/** The manifest keys `key` reaches through static and dynamic imports. */
function reachable(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const imported of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) reachable(imported, seen);
  return seen;
}

const initialFiles = closure('index.html');
const appKeys = reachable('index.html');
const routes = [...appKeys]
  .filter((key) => manifest[key].isDynamicEntry)
  .map((key) => {
    const files = [...closure(key)].filter((file) => !initialFiles.has(file));
    return { name: manifest[key].name ?? key, bytes: sum(files) };
  })
  .sort((a, b) => b.bytes - a.bytes);
const appFiles = new Set(initialFiles);
for (const key of appKeys) if (manifest[key].isDynamicEntry) for (const file of closure(key)) appFiles.add(file);
// The explorer: what its page loads at once, and everything the build holds that the app never loads
// (its lazy editor modes, formatter, Monaco's workers and icon font).
const explorerFiles = manifest['explorer.html'] ? closure('explorer.html') : new Set();
const explorerOnly = new Set(
  Object.values(manifest)
    .flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])])
    .filter((file) => !appFiles.has(file) && !file.endsWith('.html')),
);

const rows = [
  { what: 'initial (entry + static imports)', bytes: sum(initialFiles), budget: BUDGETS.initial },
  ...routes.map((route) => ({
    what: `route ${route.name}`,
    bytes: route.bytes,
    budget: EXCEPTIONS[route.name]?.budget ?? BUDGETS.route,
    note:
      EXCEPTIONS[route.name] && route.bytes > BUDGETS.route ? `over the ${kb(BUDGETS.route)} target: ${EXCEPTIONS[route.name].why}` : '',
  })),
  { what: 'total (app, every route)', bytes: sum(appFiles), budget: BUDGETS.total },
];
const over = rows.filter((row) => row.bytes > row.budget);
console.log('\nBundle budgets (gzip):');
for (const row of rows)
  console.log(
    `  ${row.bytes > row.budget ? '✗' : row.note ? '!' : '✓'} ${row.what.padEnd(40)} ${kb(row.bytes).padStart(9)} / ${kb(row.budget)}${row.note ? `  (${row.note})` : ''}`,
  );
if (explorerFiles.size) {
  console.log(`  · ${'API explorer page (explorer.html)'.padEnd(40)} ${kb(sum(explorerFiles)).padStart(9)}   no budget`);
  console.log(`  · ${'API explorer, all it may load'.padEnd(40)} ${kb(sum(explorerOnly)).padStart(9)}   (not shared with the app)`);
}
if (over.length) {
  console.error(`\nOver budget: ${over.map((row) => row.what).join(', ')}`);
  process.exit(1);
}
