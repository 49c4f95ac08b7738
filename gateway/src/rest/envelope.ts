import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, httpStatusOf, type FieldError } from '@flowgraph/kernel';

/** architecture-target.md §3.2: the one error body of every /api/v1 answer. */
export interface RestErrorBody {
  error: { code: ErrorCode; message: string; details: FieldError[]; request_id: string };
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; details?: FieldError[]; request_id?: string; retryAfter?: number };
}

const codes = new Set<string>(Object.values(ErrorCode));

/** The envelope (and HTTP status) for a GraphQL error: codes outside the catalog are INTERNAL, masked. */
export function envelopeOf(error: GraphQLErrorLike, requestId: string): { status: number; body: RestErrorBody } {
  const code = codes.has(error.extensions?.code ?? '') ? (error.extensions!.code as ErrorCode) : ErrorCode.INTERNAL;
  const message = code === ErrorCode.INTERNAL ? 'Internal server error' : error.message;
  return {
    status: httpStatusOf[code],
    body: { error: { code, message, details: error.extensions?.details ?? [], request_id: requestId } },
  };
}

/** Answers in the envelope; `status` only where HTTP says more than the code (405, 413, 415). */
export function sendRestError(
  res: Response,
  code: ErrorCode,
  message: string,
  details: FieldError[] = [],
  status = httpStatusOf[code],
): void {
  res.status(status).json({ error: { code, message, details, request_id: res.locals.requestId as string } } satisfies RestErrorBody);
}

/**
 * First on /api/v1: what the shared middleware before the shim answers in GraphQL's error shape
 * (`{ errors: [...] }`: authentication, rate limits, trusted documents, body parsing) leaves in the
 * REST envelope instead, with the same status and headers (Retry-After stays).
 */
export function restEnvelope(_req: Request, res: Response, next: NextFunction): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const errors = (body as { errors?: GraphQLErrorLike[] } | null)?.errors;
    if (!Array.isArray(errors) || errors.length === 0) return json(body);
    const mapped = envelopeOf(errors[0], res.locals.requestId as string);
    // A refusal that set its own status (413, 415, 429) keeps it; else the code's.
    res.status(res.statusCode >= 400 ? res.statusCode : mapped.status);
    return json(mapped.body);
  };
  next();
}
