import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The module recipe of docs/adding-a-subgraph.md, checked in every subgraph: modules own their
 * request-context share and their workers; src/context.ts and src/workers.ts only compose them.
 */
const root = path.resolve(__dirname, '../..');
const subgraphs = readdirSync(path.join(root, 'subgraphs')).filter((name) => existsSync(path.join(root, 'subgraphs', name, 'src')));
const read = (file: string) => readFileSync(file, 'utf8');
/** `new X(` constructions, comments left out. */
const constructions = (source: string) =>
  [...source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').matchAll(/\bnew\s+([A-Z]\w*)/g)].map((m) => m[1]);

describe.each(subgraphs)('subgraphs/%s', (subgraph) => {
  const src = path.join(root, 'subgraphs', subgraph, 'src');
  const modules = readdirSync(path.join(src, 'modules'));
  const moduleFiles = (suffix: string) =>
    modules.flatMap((m) =>
      readdirSync(path.join(src, 'modules', m))
        .filter((f) => f.endsWith(suffix))
        .map((f) => [m, f] as const),
    );

  it('src/context.ts exports createContextFactory and builds nothing itself', () => {
    const context = read(path.join(src, 'context.ts'));
    expect(context).toMatch(/export function createContextFactory\(/);
    expect(constructions(context).filter((name) => /(Repository|Service|Loaders?)$/.test(name))).toEqual([]);
  });

  it("names each module's context share and worker after its folder", () => {
    for (const [folder, file] of moduleFiles('.context.ts')) expect(`${folder}/${file}`).toBe(`${folder}/${folder}.context.ts`);
    for (const [folder, file] of moduleFiles('.worker.ts')) expect(`${folder}/${file}`).toBe(`${folder}/${folder}.worker.ts`);
  });

  it('keeps only queue names in src/jobs, and composes its workers in src/workers.ts startWorkers', () => {
    const worker = path.join(src, 'worker.ts');
    if (!existsSync(worker)) {
      expect(existsSync(path.join(src, 'jobs'))).toBe(false);
      expect(moduleFiles('.worker.ts')).toEqual([]);
      return;
    }
    expect(readdirSync(path.join(src, 'jobs'))).toEqual(['queues.ts']);
    const workers = read(path.join(src, 'workers.ts'));
    expect(workers).toMatch(/export async function startWorkers\(/);
    // Every module worker is started by the composer, and the process entry goes through it.
    for (const [folder] of moduleFiles('.worker.ts')) expect(workers).toContain(`./modules/${folder}/${folder}.worker`);
    expect(read(worker)).toMatch(/\bstartWorkers\(/);
  });

  it('has thin resolvers: no resolver constructs a repository or a service', () => {
    for (const [folder, file] of moduleFiles('.resolver.ts')) {
      const built = constructions(read(path.join(src, 'modules', folder, file))).filter((name) => /(Repository|Service)$/.test(name));
      expect({ file: `${folder}/${file}`, built }).toEqual({ file: `${folder}/${file}`, built: [] });
    }
  });
});
