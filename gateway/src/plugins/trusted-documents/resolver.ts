import { ErrorCode, type Identity, type Logger } from '@flowgraph/kernel';
import type { GatewayMetrics } from '../../metrics';
import type { Credentials } from '../authentication/credentials';
import { normalizeDocumentId, sha256Hex, type TrustedDocument } from '@flowgraph/supergraph';
import type { ManifestStore } from './manifest-store';

/** `off`: no restriction; `log`: bound keys run anything, with a warning; `enforce`: bound keys run only their manifest. */
export const trustedDocumentsModes = ['off', 'log', 'enforce'] as const;
export type TrustedDocumentsMode = (typeof trustedDocumentsModes)[number];

export interface TrustedDocumentResolverOptions {
  store: ManifestStore;
  /** What to do when an API key bound to a client sends anything but its own documents by id. Default: `log`. */
  mode?: TrustedDocumentsMode;
  /** Where refusals (`untrusted_document`) and logged runs (`untrusted_document_logged`) are counted. Required. */
  metrics: Pick<GatewayMetrics, 'operationRejections'>;
  logger: Logger;
}

/** The request's identity as authentication left it, with the client an API key is bound to. */
export type ClientIdentity = Identity & Pick<Credentials, 'clientName'>;

/** Why a request was refused: `extensions.reason` beside a catalog code. */
export const TrustedDocumentReason = {
  /** A bound key sent a query text (or nothing) instead of an id. */
  required: 'PERSISTED_DOCUMENT_REQUIRED',
  /** A bound key sent an id its client's manifest does not hold. */
  notTrusted: 'OPERATION_NOT_TRUSTED',
  /** A `documentId` no manifest holds. */
  notFound: 'PERSISTED_DOCUMENT_NOT_FOUND',
  /** A `documentId` that is not `sha256:<hex>` or hex. */
  invalidId: 'INVALID_DOCUMENT_ID',
  /** An APQ registration whose hash is not the sha256 of its query (Apollo's own error has no code). */
  hashMismatch: 'PERSISTED_QUERY_HASH_MISMATCH',
} as const;

/** The fields of one GraphQL-over-HTTP (or graphql-ws `subscribe`) request this plugin reads or rewrites. */
export type OperationParams = Record<string, unknown> & {
  query?: unknown;
  documentId?: unknown;
  operationName?: unknown;
  extensions?: unknown;
};

/** A request refused: answer with `code` (HTTP status from the kernel's catalog), `reason` in extensions. */
export class TrustedDocumentRefusal {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly message: string,
  ) {}
}

function apqHashOf(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return normalizeDocumentId(persisted?.sha256Hash);
}

/** The request with the manifest's body as `query`, without the id fields Apollo would act on again. */
function substitute(params: OperationParams, document: TrustedDocument): OperationParams {
  const { documentId: _id, ...rest } = params;
  const extensions =
    typeof params.extensions === 'object' && params.extensions !== null ? { ...(params.extensions as Record<string, unknown>) } : undefined;
  // Without this, Apollo would re-hash the body and write it to the APQ store on every request.
  if (extensions) delete extensions.persistedQuery;
  const next: OperationParams = { ...rest, query: document.body };
  if (extensions && Object.keys(extensions).length > 0) next.extensions = extensions;
  else delete next.extensions;
  return next;
}

/**
 * Resolves one operation request: an id (`documentId`, or an APQ hash a manifest holds) becomes
 * the manifest's body as `query`, and an API key bound to a client (`Credentials.clientName`) is
 * held to that client's manifest as `mode` says. Browser (JWT) users and unbound keys are not
 * restricted. Returns the request to run (the same object when nothing changed) or a refusal.
 * The HTTP middleware uses it; transports of their own (WebSocket, SSE) can call it per operation.
 */
export function trustedDocumentResolver(options: TrustedDocumentResolverOptions) {
  const { store, logger, metrics } = options;
  const mode = options.mode ?? 'log';

  return function resolve(
    params: OperationParams,
    identity: ClientIdentity | undefined,
    requestId: string,
  ): OperationParams | TrustedDocumentRefusal {
    const client = identity?.authMethod === 'api_key' ? identity.clientName : undefined;
    if (params.documentId !== undefined && !normalizeDocumentId(params.documentId)) {
      return new TrustedDocumentRefusal(
        ErrorCode.VALIDATION_ERROR,
        TrustedDocumentReason.invalidId,
        'documentId must be "sha256:<hex>" or a sha256 hex digest',
      );
    }
    const documentId = normalizeDocumentId(params.documentId);
    const apqHash = apqHashOf(params.extensions);
    const id = documentId ?? apqHash;
    // For every caller alike: text sent with an id must be that id's text (graphql-ws sends "" with
    // an id), and an id no manifest holds is not found, whoever asks.
    if (id !== undefined && typeof params.query === 'string' && params.query !== '' && sha256Hex(params.query) !== id) {
      const field = documentId !== undefined ? 'documentId' : 'persistedQuery.sha256Hash';
      return new TrustedDocumentRefusal(
        ErrorCode.VALIDATION_ERROR,
        TrustedDocumentReason.hashMismatch,
        `${field} is not the sha256 of the query sent with it`,
      );
    }
    const document = documentId !== undefined ? store.find(documentId) : undefined;
    if (documentId !== undefined && !document) {
      return new TrustedDocumentRefusal(ErrorCode.NOT_FOUND, TrustedDocumentReason.notFound, `No persisted operation has id ${documentId}`);
    }
    if (client !== undefined && mode !== 'off') {
      const trusted = id === undefined ? undefined : store.forClient(client)?.get(id);
      if (trusted) return substitute(params, trusted);
      const reason = id === undefined ? TrustedDocumentReason.required : TrustedDocumentReason.notTrusted;
      const line = {
        request_id: requestId,
        client,
        operation: typeof params.operationName === 'string' ? params.operationName : undefined,
        hash: id ?? (typeof params.query === 'string' ? sha256Hex(params.query) : undefined),
        reason,
      };
      if (mode === 'enforce') {
        metrics.operationRejections.inc({ reason: 'untrusted_document' });
        logger.info(line, 'untrusted document refused');
        return id === undefined
          ? new TrustedDocumentRefusal(
              ErrorCode.FORBIDDEN,
              reason,
              `This API key may run only the persisted operations of client ${client}, sent by id (documentId or persistedQuery hash)`,
            )
          : new TrustedDocumentRefusal(
              ErrorCode.FORBIDDEN,
              reason,
              `Operation ${id} is not in the persisted operations of client ${client}`,
            );
      }
      metrics.operationRejections.inc({ reason: 'untrusted_document_logged' });
      logger.warn(line, 'untrusted document run (trusted documents in log mode)');
    }
    if (document) return substitute(params, document);
    // An APQ hash that a manifest holds needs no registration round trip; others go to the APQ store.
    if (apqHash !== undefined && params.query === undefined) {
      const registered = store.find(apqHash);
      if (registered) return substitute(params, registered);
    }
    return params;
  };
}
