import { createHash } from 'node:crypto';
import { Kind, parse, type OperationTypeNode } from 'graphql';

/** The file each client folder holds: `<clients>/<client-name>/persisted-documents.json`. */
export const MANIFEST_FILE = 'persisted-documents.json';
/** Client names as API keys carry them (Core validates the same pattern). */
export const CLIENT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const FORMAT = 'apollo-persisted-query-manifest';

/** One operation a client may run by id. */
export interface TrustedDocument {
  /** Lowercase hex sha256 of `body`. */
  id: string;
  body: string;
  /** The operation's name (from the manifest, or the document's only named operation). */
  name?: string;
  type: OperationTypeNode;
}

/** A client's trusted documents by id. */
export type Manifest = ReadonlyMap<string, TrustedDocument>;

/** A manifest that cannot be used as a whole (bad JSON shape, an id that is not its body's hash…). */
export class ManifestError extends Error {}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A document id as clients send it: `sha256:<hex>` (GraphQL-over-HTTP persisted documents) or
 * bare hex (APQ, codegen). Returns the lowercase hex, or undefined when it is not one.
 */
export function normalizeDocumentId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const hex = (raw.startsWith('sha256:') ? raw.slice('sha256:'.length) : raw).toLowerCase();
  return SHA256_HEX.test(hex) ? hex : undefined;
}

function checked(id: unknown, body: unknown, where: string, name?: unknown): TrustedDocument {
  if (typeof body !== 'string' || body.length === 0) throw new ManifestError(`${where}: body must be a non-empty string`);
  const hex = normalizeDocumentId(id);
  if (!hex) throw new ManifestError(`${where}: id must be a sha256 hex digest`);
  if (sha256Hex(body) !== hex) throw new ManifestError(`${where}: id ${hex} is not the sha256 of its body`);
  let document;
  try {
    document = parse(body, { noLocation: true });
  } catch (error) {
    throw new ManifestError(`${where}: body does not parse: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  // One operation per document: a client selects no operation by name when it runs by id.
  if (operations.length !== 1) throw new ManifestError(`${where}: body must hold exactly one operation`);
  const operation = operations[0];
  return { id: hex, body, name: typeof name === 'string' ? name : operation.name?.value, type: operation.operation };
}

/**
 * Validates a manifest file's parsed JSON, in either format:
 * - `apollo-persisted-query-manifest` version 1: `{ format, version, operations: [{ id, name, type, body }] }`;
 * - the graphql-codegen client preset's map: `{ "<sha256>": "<body>" }`.
 * Every id must be the sha256 of its body; one bad entry refuses the whole manifest.
 */
export function parseManifest(json: unknown): Manifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ManifestError('manifest must be a JSON object');
  const documents = new Map<string, TrustedDocument>();
  const add = (document: TrustedDocument) => documents.set(document.id, document);
  const record = json as Record<string, unknown>;
  if ('format' in record) {
    if (record.format !== FORMAT) throw new ManifestError(`unknown manifest format ${String(record.format)}`);
    if (record.version !== 1) throw new ManifestError(`unsupported apollo-persisted-query-manifest version ${String(record.version)}`);
    if (!Array.isArray(record.operations)) throw new ManifestError('operations must be an array');
    record.operations.forEach((entry: unknown, index) => {
      const op = (entry ?? {}) as Record<string, unknown>;
      const document = checked(op.id, op.body, `operations[${index}]`, op.name);
      if (op.type !== undefined && op.type !== document.type)
        throw new ManifestError(`operations[${index}]: type ${String(op.type)} but the body is a ${document.type}`);
      add(document);
    });
    return documents;
  }
  for (const [id, body] of Object.entries(record)) add(checked(id, body, `document ${id}`));
  return documents;
}

/** An `apollo-persisted-query-manifest` (version 1) file's text for `operations`, as `parseManifest` reads it. */
export function manifestJson(operations: Required<Pick<TrustedDocument, 'id' | 'name' | 'type' | 'body'>>[]): string {
  const entries = operations.map(({ id, name, type, body }) => ({ id, name, type, body }));
  return `${JSON.stringify({ format: FORMAT, version: 1, operations: entries }, null, 2)}\n`;
}
