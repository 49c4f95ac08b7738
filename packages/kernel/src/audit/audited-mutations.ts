import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../http/subgraph-server';
import { recordAudit } from './audit-outbox';

type Resolve = (parent: unknown, args: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

/** Argument names whose values never go into an audit entry. */
const SECRET = /secret|password|token|credential/i;

/**
 * Wraps every Mutation resolver of a subgraph so that each mutation that succeeds writes an audit
 * entry (`<area>.<mutation>`, with actor, organization, target and request id) to the subgraph's
 * outbox in the request's own transaction: a mutation added later is audited without a list to
 * keep, and an entry exists exactly when its change was committed.
 */
export function auditedMutations<R extends object>(resolvers: R, options: { area: string; schema: string }): R {
  const mutation = (resolvers as Record<string, Record<string, Resolve> | undefined>).Mutation;
  if (!mutation) return resolvers;
  const wrapped: Record<string, Resolve> = {};
  for (const [field, resolve] of Object.entries(mutation)) {
    if (typeof resolve !== 'function') throw new Error(`Mutation.${field}: auditedMutations wraps plain resolver functions only`);
    wrapped[field] = async (parent, args, ctx, info) => {
      const result = await resolve(parent, args, ctx, info);
      const { identity } = ctx;
      await recordAudit(ctx.em, options.schema, {
        orgId: identity.orgId ?? null,
        actorId: identity.userId ?? null,
        action: `${options.area}.${field}`,
        ...targetOf(result, args, info, identity.orgId),
        requestId: identity.requestId,
        ip: identity.ip ?? null,
        metadata: {
          ...scalarArguments(args),
          authMethod: identity.authMethod,
          ...(identity.apiKeyId ? { apiKeyId: identity.apiKeyId } : {}),
        },
      });
      return result;
    };
  }
  return { ...resolvers, Mutation: wrapped };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * What the mutation acted on, read from what it returned: the entity itself (`Trigger!`), a
 * payload's entity (`{ workflow }`), a payload's `removed<Type>Id`, or else the `id` argument; a
 * mutation that names no entity (a report refresh) acted on the caller's organization.
 */
function targetOf(
  result: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  orgId: string | undefined,
): { targetType: string | null; targetId: string | null } {
  if (isRecord(result)) {
    if (typeof result.id === 'string') return { targetType: lowerFirst(getNamedType(info.returnType).name), targetId: result.id };
    for (const [key, value] of Object.entries(result)) {
      if (isRecord(value) && typeof value.id === 'string') return { targetType: key, targetId: value.id };
      const removed = /^removed(\w+)Id$/.exec(key);
      if (removed && typeof value === 'string') return { targetType: lowerFirst(removed[1]), targetId: value };
    }
  }
  if (typeof args.id === 'string') return { targetType: null, targetId: args.id };
  return orgId ? { targetType: 'organization', targetId: orgId } : { targetType: null, targetId: null };
}

/** Top-level scalar arguments and those of an `input` object (no nested documents, no secrets). */
function scalarArguments(args: Record<string, unknown>): Record<string, unknown> {
  const scalars = (from: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(from).filter(([key, value]) => !SECRET.test(key) && (value === null || typeof value !== 'object')));
  return { ...scalars(args), ...(isRecord(args.input) ? scalars(args.input) : {}) };
}
