import type { CombinedError } from 'urql';

/** What a person is shown of a failed request: the server's words and the id to quote to support. */
export interface Problem {
  message: string;
  requestId?: string;
  code?: string;
  /** The server's `details`: field path it named (e.g. `input.definition.steps[2].config.channel`) → message. */
  fields: Record<string, string>;
}

interface ErrorExtensions {
  code?: string;
  request_id?: string;
  details?: { field: string; message: string }[];
}

/** A CombinedError (GraphQL errors, or a network failure with the gateway's answer) as a Problem. */
export function problemOf(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  const extensions = (first?.extensions ?? {}) as ErrorExtensions;
  const fields: Record<string, string> = {};
  for (const e of error.graphQLErrors) {
    for (const detail of (e.extensions as ErrorExtensions).details ?? []) fields[detail.field] = detail.message;
  }
  const response = error.response as Response | undefined;
  const requestId = extensions.request_id ?? response?.headers?.get('x-request-id') ?? undefined;
  const message = first
    ? first.message
    : error.networkError
      ? response?.status === 429
        ? 'Too many requests: wait a moment and try again.'
        : `The server could not be reached (${response?.status ?? error.networkError.message}).`
      : error.message;
  return { message, requestId, code: extensions.code, fields };
}
