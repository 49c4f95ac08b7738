import { randomUUID } from 'node:crypto';
import { signIdentity, type Identity } from '../identity';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** An identity for tests; anonymous unless given a user. */
export function testIdentity(overrides: Partial<Identity> = {}): Identity {
  return { requestId: randomUUID(), scopes: [], authMethod: overrides.userId ? 'jwt' : 'anonymous', ...overrides };
}

/** Posts a GraphQL operation to a subgraph with a signed identity (or none, when `secret` is null). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth: { identity?: Partial<Identity>; secret: string | null; headers?: Record<string, string> },
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...auth.headers };
  const body = JSON.stringify({ query, variables });
  if (auth.secret) Object.assign(headers, signIdentity(testIdentity(auth.identity), auth.secret, { method: 'POST', target: url, body }));
  const response = await fetch(url, { method: 'POST', headers, body });
  const answer = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...answer };
}
