import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { reportError } from './telemetry/hooks';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, isUnavailable } from './unavailable';

/** Public error codes: the only values `extensions.code` takes. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** A signed-in person has not accepted the privacy policy and terms in force: accept them, then retry. */
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A dependency (Postgres, Redis, a subgraph) is unreachable for now: safe to retry as it was. */
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

export interface FieldError {
  field: string;
  message: string;
}

/** HTTP status for each code, used by REST envelopes and non-GraphQL routes. */
export const httpStatusOf: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.CONSENT_REQUIRED]: 403,
  [ErrorCode.VALIDATION_ERROR]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
};

/** An error a client is meant to see. Anything else thrown is masked as INTERNAL. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  readonly details?: FieldError[];

  constructor(code: ErrorCode, message: string, options: { details?: FieldError[]; retryAfter?: number } = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.details ? { details: options.details } : {}),
        ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
      },
    });
    this.code = code;
    this.details = options.details;
  }
}

export const unauthenticated = (message = 'Authentication required') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'Not allowed') => new AppError(ErrorCode.FORBIDDEN, message);
export const consentRequired = (message = 'Accept the current privacy policy and terms of service to continue') =>
  new AppError(ErrorCode.CONSENT_REQUIRED, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
export const validationError = (details: FieldError[], message = 'Invalid input') =>
  new AppError(ErrorCode.VALIDATION_ERROR, message, { details });
export const rateLimited = (retryAfter: number, message = 'Too many requests') =>
  new AppError(ErrorCode.RATE_LIMITED, message, { retryAfter });

export const unavailable = (retryAfter = UNAVAILABLE_RETRY_AFTER_SECONDS, message = 'Service temporarily unavailable, retry later') =>
  new AppError(ErrorCode.UNAVAILABLE, message, { retryAfter });

const publicCodes = new Set<string>(Object.values(ErrorCode));

/** GraphQL's own request errors (parse, validation, bad variables) are the client's fault. */
const graphqlInputCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);

/**
 * Builds Apollo Server's `formatError`: catalog codes pass through with `request_id`; GraphQL
 * input errors become VALIDATION_ERROR; an unreachable dependency (see `isUnavailable`) becomes
 * UNAVAILABLE with `retryAfter`; everything else is logged in full and masked as INTERNAL.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = (formatted.extensions ?? {}) as Record<string, unknown>;
    const requestId = (ext.request_id as string | undefined) ?? requestIdOf(error);
    const code = String(ext.code ?? '');
    if (publicCodes.has(code) && code !== ErrorCode.INTERNAL) {
      const { stacktrace: _stack, ...rest } = ext;
      return { ...formatted, extensions: { ...rest, request_id: requestId } };
    }
    if (graphqlInputCodes.has(code)) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.VALIDATION_ERROR, reason: code, request_id: requestId },
      };
    }
    if (code === ErrorCode.INTERNAL && ext.masked === true) {
      // Already masked upstream (a subgraph): keep its request id, add nothing.
      return { message: formatted.message, path: formatted.path, extensions: { code, masked: true, request_id: requestId } };
    }
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (isUnavailable(original)) {
      logger.warn({ err: original, request_id: requestId, path: formatted.path }, 'dependency unavailable');
      const refusal = unavailable();
      return { message: refusal.message, path: formatted.path, extensions: { ...refusal.extensions, request_id: requestId } };
    }
    logger.error({ err: original, request_id: requestId, path: formatted.path }, 'internal error');
    reportError(original, { request_id: requestId, path: formatted.path });
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL, masked: true, request_id: requestId },
    };
  };
}

/**
 * Resolvers never see the request id; the request plugin stamps it on errors (see requestIdPlugin).
 * The stamp can sit on the error itself (a GraphQLError, or a raw Error the gateway's executor
 * passes on as it is) or on the error a GraphQLError wraps.
 */
function requestIdOf(error: unknown): string | undefined {
  type Stamped = { extensions?: Record<string, unknown>; originalError?: Stamped } | undefined;
  const stamped = error as Stamped;
  return (stamped?.extensions?.request_id ?? stamped?.originalError?.extensions?.request_id) as string | undefined;
}
