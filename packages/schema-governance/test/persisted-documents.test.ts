import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Logger } from '@flowgraph/kernel';
import { loadManifestStore } from '@flowgraph/gateway/dist/src/plugins/trusted-documents/manifest-store';
import { manifestJson, persistedDocuments } from '../src/codegen/persisted-documents';
import { repoRoot } from './support/run-script';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

it('gives each operation its fragments (transitively, once) and the sha256 of that body as id', () => {
  const documents = persistedDocuments([
    parse('fragment A on Workflow { id ...B } fragment B on Workflow { name } fragment Unused on Workflow { tags }'),
    parse('query Q { workflows { edges { node { ...A ...B } } } } mutation M($id: ID!) { deleteWorkflow(id: $id) { workflow { id } } }'),
  ]);
  expect(documents.map((d) => [d.name, d.type])).toEqual([
    ['M', 'mutation'],
    ['Q', 'query'],
  ]);
  const [mutation, query] = documents;
  expect(query.body).toMatch(/^query Q \{[\s\S]*\}\n\nfragment A on Workflow \{\n {2}id\n {2}\.\.\.B\n\}\n\nfragment B on Workflow \{\n {2}name\n\}$/);
  expect(query.id).toBe(sha256(query.body));
  expect(mutation.body).not.toContain('fragment');
  expect(mutation.id).toBe(sha256(mutation.body));
});

it('refuses operations the report could not name, and fragments it cannot find', () => {
  expect(() => persistedDocuments([parse('{ me { id } }')])).toThrow(/needs a name/);
  expect(() => persistedDocuments([parse('query Q { me { ...Missing } }')])).toThrow(/spreads unknown fragment Missing/);
});

it('writes a manifest the gateway loads, and the committed web manifest is one: every web operation by name, with the ids the web app sends', async () => {
  const documents = persistedDocuments([parse('query One { me { id } }')]);
  expect(JSON.parse(manifestJson(documents))).toEqual({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ ...documents[0] }] });

  const refusals: unknown[] = [];
  const logger = { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => refusals.push(args) } as unknown as Logger;
  const store = await loadManifestStore({ dir: join(repoRoot, 'clients'), reloadIntervalMs: 0, logger });
  const web = store.forClient('web');
  expect(refusals).toEqual([]);
  expect(web).toBeDefined();
  const names = [...web!.values()].map((d) => d.name).sort();
  expect(names).toEqual(['AcceptSuggestion', 'Dashboard', 'DismissSuggestion', 'ExecuteWorkflow', 'ExecutionUpdated', 'SetWorkflowActive', 'SuggestionAdded', 'WorkflowDetail', 'Workflows']);

  const generated = readFileSync(join(repoRoot, 'web', 'src', 'generated', 'graphql.ts'), 'utf8');
  const ids = Object.fromEntries([...generated.matchAll(/^ {2}(\w+): '([0-9a-f]{64})',$/gm)].map(([, name, id]) => [name, id]));
  expect(ids).toEqual(Object.fromEntries([...web!.values()].map((d) => [d.name, d.id])));
  store.close();
});
