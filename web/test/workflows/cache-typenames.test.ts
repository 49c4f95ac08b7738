import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as documents from '../../src/generated/graphql';

// Production sends only persisted ids, so the server runs each document as written: urql's cache sees
// (and refetches by) only the types a document asks for by name. See web/src/graphql/workflows.graphql.
const NEEDS: Record<string, string[]> = {
  WorkflowsDocument: ['orderBy: $orderBy) {\n    __typename'],
  WorkflowDetailDocument: ['workflow(id: $id) {\n    __typename', 'triggers {\n      __typename'],
  WorkflowVersionsDocument: ['versions(first: $first, after: $after) {\n      __typename', 'node {\n          __typename'],
  WorkflowExecutionsDocument: ['__typename\n    edges'],
  PublishWorkflowDocument: ['workflow {\n      __typename'],
  AddTriggerDocument: ['trigger {\n      __typename'],
  ExecuteWorkflowDocument: ['execution {\n      __typename'],
};

describe('persisted workflow operations', () => {
  it.each(Object.entries(NEEDS))('%s names the types urql refetches by', (name, fragments) => {
    const text = print((documents as unknown as Record<string, DocumentNode>)[name]);
    for (const fragment of fragments) expect(text).toContain(fragment);
  });
});
