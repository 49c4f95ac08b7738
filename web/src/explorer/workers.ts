/**
 * Monaco's workers as files of this origin, built by Vite (`?worker`): the editor's own, JSON (the
 * variables and headers editors) and GraphQL (validation and completion from the schema). The same
 * as `graphiql/setup-workers/vite`, which Vite's dev-server dependency optimizer cannot bundle.
 */
import type { Environment } from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

(globalThis as { MonacoEnvironment?: Environment }).MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};
