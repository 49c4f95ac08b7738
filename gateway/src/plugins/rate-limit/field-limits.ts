import ms from 'ms';
import {
  Kind,
  TypeInfo,
  getArgumentValues,
  parse,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { defaultInterpolateMessageFn } from '@envelop/rate-limiter';
import { getFieldIdentity } from '@envelop/rate-limiter/get-graphql-rate-limiter';

/** One `@rateLimit` as composed into the supergraph; the arguments of @envelop/rate-limiter's directive. */
export interface FieldLimit {
  /** `Type.field` */
  coordinate: string;
  max: number;
  windowMs: number;
  message?: string;
  identityArgs: string[];
  arrayLengthField?: string;
  readOnly: boolean;
  uncountRejected: boolean;
}

/** A limited field the operation selects, with what its key and count are made of. */
export interface FieldHit {
  limit: FieldLimit;
  /** @envelop/rate-limiter's field identity: the field name and the identityArgs' values. */
  fieldIdentity: string;
  calls: number;
  /** The message for a refusal, `{{id}}` already replaced by the caller's identity. */
  message: string;
}

// @envelop/rate-limiter's defaults, so a bare `@rateLimit` means the same thing here.
const DEFAULT_MAX = 5;
const DEFAULT_WINDOW_MS = 60_000;

/**
 * Reads every `@rateLimit` on field definitions of a supergraph SDL (composed from the subgraphs
 * with `@composeDirective`). Throws on a window `ms` cannot read, so a typo fails at start-up.
 */
export function fieldLimitsFromSupergraph(supergraphSdl: string, directiveName = 'rateLimit'): Map<string, FieldLimit> {
  const limits = new Map<string, FieldLimit>();
  const document = parse(supergraphSdl);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      const limit = readDirective(field, directiveName, `${definition.name.value}.${field.name.value}`);
      if (limit) limits.set(limit.coordinate, limit);
    }
  }
  return limits;
}

function readDirective(field: FieldDefinitionNode, directiveName: string, coordinate: string): FieldLimit | undefined {
  const directive = field.directives?.find((d) => d.name.value === directiveName);
  if (!directive) return undefined;
  const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)])) as Record<
    string,
    unknown
  >;
  const windowMs = args.window === undefined ? DEFAULT_WINDOW_MS : ms(String(args.window) as ms.StringValue);
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
    throw new Error(`@${directiveName} on ${coordinate}: window "${String(args.window)}" is not a duration`);
  }
  return {
    coordinate,
    max: typeof args.max === 'number' && args.max > 0 ? args.max : DEFAULT_MAX,
    windowMs,
    message: typeof args.message === 'string' ? args.message : undefined,
    identityArgs: Array.isArray(args.identityArgs) ? args.identityArgs.map(String) : [],
    arrayLengthField: typeof args.arrayLengthField === 'string' ? args.arrayLengthField : undefined,
    readOnly: args.readOnly === true,
    uncountRejected: args.uncountRejected === true,
  };
}

/**
 * The limited fields an operation selects, as @envelop/rate-limiter's `onExecute` finds them:
 * every field node of the document, its arguments coerced with the request's variables.
 */
export function limitedFieldsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  limits: Map<string, FieldLimit>,
  callerIdentity: string,
): FieldHit[] {
  if (limits.size === 0) return [];
  const hits: FieldHit[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const limit = limits.get(`${parent.name}.${field.name}`);
        if (!limit) return;
        const args = getArgumentValues(field, node, variables);
        const arrayLength = limit.arrayLengthField ? (args[limit.arrayLengthField] as unknown[] | undefined)?.length : undefined;
        hits.push({
          limit,
          fieldIdentity: getFieldIdentity(field.name, limit.identityArgs, args),
          calls: arrayLength || 1,
          message: limit.message
            ? // its default interpolator reads only the identifier (`{{id}}`), not the execution params
              defaultInterpolateMessageFn(limit.message, callerIdentity, undefined as never)
            : `You are trying to access '${field.name}' too often`,
        });
      },
    }),
  );
  return hits;
}
