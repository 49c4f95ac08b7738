import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { GraphQLError } from 'graphql';
import { CombinedError, Provider, type Client, type Operation } from 'urql';
import { fromValue } from 'wonka';
import { vi } from 'vitest';

// Vitest runs without globals here, so Testing Library cannot unmount on its own between tests.

type Failure = { error: { message: string; extensions?: Record<string, unknown> } };
type Answer = Record<string, unknown> | Failure;
const isFailure = (answer: Answer): answer is Failure => typeof answer.error === 'object' && answer.error !== null;
/** What the mocked graph answers: operation name → data (or a GraphQL error) for its variables. */
export type Answers = Record<string, (variables: Record<string, unknown>) => Answer>;

const nameOf = (operation: Operation) => {
  const definition = operation.query.definitions.find((d) => d.kind === 'OperationDefinition');
  return definition && 'name' in definition ? (definition.name?.value ?? '') : '';
};

/** A urql client whose every operation is answered at once from `answers`; the calls are recorded on the mocks. */
export function mockClient(answers: Answers) {
  const answer = (operation: Operation) => {
    const name = nameOf(operation);
    const handler = answers[name];
    if (!handler) throw new Error(`No mocked answer for ${name}`);
    const result = handler(operation.variables as Record<string, unknown>);
    if (isFailure(result)) {
      const error = new CombinedError({ graphQLErrors: [new GraphQLError(result.error.message, { extensions: result.error.extensions })] });
      return fromValue({ operation, data: undefined, error, stale: false, hasNext: false });
    }
    return fromValue({ operation, data: result, stale: false, hasNext: false });
  };
  return {
    executeQuery: vi.fn(answer),
    executeMutation: vi.fn(answer),
    executeSubscription: vi.fn(answer),
  };
}

/** The mutation calls made: [operation name, variables]. */
export function mutationsOf(client: ReturnType<typeof mockClient>): [string, Record<string, unknown>][] {
  return client.executeMutation.mock.calls.map(([operation]) => [nameOf(operation), operation.variables as Record<string, unknown>]);
}

/** `ui` inside the mocked client and a router at `path`, matched by `route`. */
export function renderTree(client: ReturnType<typeof mockClient>, ui: ReactNode, { path = '/', route = '*' } = {}) {
  return (
    <Provider value={client as unknown as Client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={ui} />
          <Route path="/executions/:id" element={<p>Execution page</p>} />
        </Routes>
      </MemoryRouter>
    </Provider>
  );
}
