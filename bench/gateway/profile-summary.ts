/**
 * Summarises a V8 `.cpuprofile` (from `BENCH_CPU_PROF=<dir>`): self time by package (the
 * node_modules package or workspace folder a function lives in) and the top functions, as shares
 * of the busy (not idle) samples.
 * Run: `npx tsx bench/gateway/profile-summary.ts <file.cpuprofile> [top=25] [fromUs toUs]`; the
 * window (monotonic µs, as `process.hrtime` counts and a bench prints) keeps only the samples taken
 * inside it, e.g. a measured phase without the process's start-up.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const [from, to] = [Number(fromArg ?? -Infinity), Number(toArg ?? Infinity)];
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((sum, [, us]) => sum + us, 0);

function packageOf(url: string): string {
  if (!url) return '(native/vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const repo = /\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|bench)\//.exec(url);
  return repo ? repo[1] : url;
}

const packages = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of self) {
  const { callFrame } = byId.get(id)!;
  if (callFrame.functionName === '(idle)') continue;
  const pkg = packageOf(callFrame.url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  const key = `${callFrame.functionName || '(anonymous)'} ${pkg}:${callFrame.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}
const share = (us: number) => `${((100 * us) / (total - idle)).toFixed(1)}%`;
console.log(`# ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${((total - idle) / 1e6).toFixed(2)} s busy`);
console.log('## self time by package');
for (const [pkg, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(share(us).padStart(6), pkg);
console.log('## top functions (self)');
for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(share(us).padStart(6), fn);
