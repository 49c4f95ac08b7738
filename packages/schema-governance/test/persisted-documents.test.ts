import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { manifestJson, parseManifest } from '@flowgraph/supergraph';
import { persistedDocuments, withTypenames } from '../src/codegen/persisted-documents';
import { loadRegistry } from '../src/registry';
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
  expect(query.body).toMatch(
    /^query Q \{[\s\S]*\}\n\nfragment A on Workflow \{\n {2}id\n {2}\.\.\.B\n\}\n\nfragment B on Workflow \{\n {2}name\n\}$/,
  );
  expect(query.id).toBe(sha256(query.body));
  expect(mutation.body).not.toContain('fragment');
  expect(mutation.id).toBe(sha256(mutation.body));
});

it('adds __typename to every selection set but the root, once, as urql sends documents', () => {
  const [document] = persistedDocuments([
    withTypenames(parse('query Q { me { id __typename workflows { edges { node { ...W } } } } } fragment W on Workflow { id tags }')),
  ]);
  expect(document.body).toBe(
    'query Q {\n  me {\n    id\n    __typename\n    workflows {\n      edges {\n        node {\n          ...W\n          __typename\n        }\n        __typename\n      }\n      __typename\n    }\n  }\n}\n\nfragment W on Workflow {\n  id\n  tags\n  __typename\n}',
  );
  // The committed web manifest is registered that way: answers carry the type names urql's cache reads.
  const web = JSON.parse(readFileSync(join(repoRoot, 'clients', 'web', 'persisted-documents.json'), 'utf8')) as {
    operations: { body: string }[];
  };
  expect(web.operations.every((op) => op.body.includes('__typename'))).toBe(true);
});

it('refuses operations the report could not name, and fragments it cannot find', () => {
  expect(() => persistedDocuments([parse('{ me { id } }')])).toThrow(/needs a name/);
  expect(() => persistedDocuments([parse('query Q { me { ...Missing } }')])).toThrow(/spreads unknown fragment Missing/);
});

it('writes a manifest the gateway loads, and the committed web manifest is one: every web operation by name, with the ids the web app sends', () => {
  const documents = persistedDocuments([parse('query One { me { id } }')]);
  const written = manifestJson(documents);
  expect(JSON.parse(written)).toEqual({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ ...documents[0] }] });
  expect([...parseManifest(JSON.parse(written)).values()]).toEqual(documents);

  // The gateway's manifest store reads each client folder with the same parser as the registry.
  const registry = loadRegistry(repoRoot, 'clients');
  expect(registry.clients.filter((client) => client.refused)).toEqual([]);
  const web = new Map(registry.operations.filter((op) => op.client === 'web').map((op) => [op.id, { name: op.operation, id: op.id }]));
  expect(web.size).toBeGreaterThan(0);
  const names = [...web.values()].map((d) => d.name).sort();
  const graphqlDir = join(repoRoot, 'web', 'src', 'graphql');
  const declared = readdirSync(graphqlDir)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) =>
      [...readFileSync(join(graphqlDir, file), 'utf8').matchAll(/^(?:query|mutation|subscription) (\w+)/gm)].map((m) => m[1]),
    );
  expect(names).toEqual(declared.sort());
  expect(names).toEqual(expect.arrayContaining(['AcceptSuggestion', 'LogIn', 'RefreshSession', 'SuggestionAdded']));

  const generated = readFileSync(join(repoRoot, 'web', 'src', 'generated', 'graphql.ts'), 'utf8');
  const ids = Object.fromEntries([...generated.matchAll(/^ {2}(\w+): '([0-9a-f]{64})',$/gm)].map(([, name, id]) => [name, id]));
  expect(ids).toEqual(Object.fromEntries([...web.values()].map((d) => [d.name, d.id])));
});
