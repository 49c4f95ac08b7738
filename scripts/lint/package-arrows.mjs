// ESLint plugin `flowgraph`, rule `package-arrows`: the allowed arrows between the workspace's
// packages (docs/architecture.md), checked on every import, export-from and import().
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Workspace packages by folder (relative to the root), read from their package.json files. */
function workspacePackages() {
  const folders = ['gateway', 'e2e', 'web'];
  for (const parent of ['packages', 'subgraphs']) {
    if (!existsSync(join(repoRoot, parent))) continue; // a partial checkout (the pre-commit test's)
    for (const entry of readdirSync(join(repoRoot, parent), { withFileTypes: true })) {
      if (entry.isDirectory()) folders.push(join(parent, entry.name));
    }
  }
  return folders
    .filter((folder) => existsSync(join(repoRoot, folder, 'package.json')))
    .map((folder) => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, folder, 'package.json'), 'utf8'));
      return { folder, name: manifest.name, subpaths: Object.keys(manifest.exports ?? { '.': null }) };
    });
}

const packages = workspacePackages();
const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));

/** The package holding `file` (absolute), or undefined for files outside every package (scripts/, test/, bench/). */
function packageOf(file) {
  const path = relative(repoRoot, file).split(sep).join('/');
  return packages.find((pkg) => path === pkg.folder || path.startsWith(`${pkg.folder}/`));
}

const DIST = /(^|\/)dist(\/|$)/;

/** @type {import('eslint').Rule.RuleModule} */
const packageArrows = {
  meta: {
    type: 'problem',
    docs: { description: 'Packages import each other only along the allowed arrows, through their exports, never their dist/' },
    schema: [
      {
        type: 'object',
        properties: {
          allowed: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      dist: "'{{source}}' reaches into build output: import the package through its entry points (its `exports`).",
      subpath: "'{{source}}' is not an entry point of {{target}} (its package.json `exports`).",
      arrow: '{{from}} may not import {{target}} (allowed: {{allowed}}; see docs/architecture.md).',
      relative: "'{{source}}' reaches into {{target}}'s files: import it by its package name, through its exports.",
    },
  },
  create(context) {
    const { allowed = {} } = context.options[0] ?? {};
    const from = packageOf(context.filename);

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (DIST.test(source)) return context.report({ node, messageId: 'dist', data: { source } });
      let target;
      if (source.startsWith('.')) {
        target = packageOf(resolve(dirname(context.filename), source));
        // Files outside every package (bench/, scripts/, the root test/) reach packages by name too.
        if (!target || target === from) return;
        return context.report({ node, messageId: 'relative', data: { source, target: target.name } });
      }
      const name = source
        .split('/')
        .slice(0, source.startsWith('@') ? 2 : 1)
        .join('/');
      target = byName.get(name);
      if (!target) return;
      const subpath = `.${source.slice(name.length)}`;
      if (!target.subpaths.includes(subpath)) return context.report({ node, messageId: 'subpath', data: { source, target: target.name } });
      if (!from || target === from || !(from.name in allowed)) return;
      const arrows = allowed[from.name];
      if (!arrows.includes(target.name))
        context.report({ node, messageId: 'arrow', data: { from: from.name, target: target.name, allowed: arrows.join(', ') || 'none' } });
    }

    const fromSource = (node) => check(node.source ?? node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};

export default { rules: { 'package-arrows': packageArrows } };
