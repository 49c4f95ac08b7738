import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { isEnumType, isInputObjectType, type GraphQLSchema } from 'graphql';
import type { Ownership } from './ownership';
import type { RegisteredOperation } from './registry';
import type { ChangeClass, ClassifiedChange } from './types';
import { operationUsage, type Usage } from './usage';

const classes: Record<CriticalityLevel, ChangeClass> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/**
 * Where our policy differs from @graphql-inspector's (docs/schema-governance.md): an optional
 * argument added to an existing field is safe — an operation that does not pass it runs as
 * before — where inspector 8 calls it dangerous. A required one stays breaking.
 */
function classOf(change: Change): { class: ChangeClass; reason?: string } {
  const level = change.criticality.level;
  if (change.type === 'FIELD_ARGUMENT_ADDED' && level === CriticalityLevel.Dangerous) {
    return { class: 'safe', reason: 'an optional argument: operations that do not pass it run as before' };
  }
  return { class: classes[level], ...(change.criticality.reason ? { reason: change.criticality.reason } : {}) };
}

/** Argument changes that reach every selection of the field, passed or not (a new required argument, a new default). */
const fieldWideArgumentChanges = new Set<string>(['FIELD_ARGUMENT_ADDED', 'FIELD_ARGUMENT_DEFAULT_CHANGED']);

/**
 * Whether a change at `path` reaches an operation with `usage` (computed against the base
 * schema). A type-level change reaches operations touching the type; a change inside an input
 * or enum type reaches every operation that can send or receive it; a field change reaches
 * operations selecting the field; an argument change, those passing it (or, for a new argument
 * or default, selecting the field).
 */
export function changeReaches(change: Pick<Change, 'type' | 'path'>, usage: Usage, base: GraphQLSchema, next: GraphQLSchema): boolean {
  if (!change.path) return false;
  if (change.path.startsWith('@')) return usage.coordinates.has(change.path.split('.')[0]);
  // A directive applied to a type, field or argument (`Type.field.@directive`): the change is about that element.
  const path = change.path.replace(/\.@[^.]*$/, '');
  const [typeName, member, argument] = path.split('.');
  if (member === undefined) return usage.types.has(typeName);
  const type = base.getType(typeName) ?? next.getType(typeName);
  if (isInputObjectType(type) || isEnumType(type)) return usage.types.has(typeName);
  const field = `${typeName}.${member}`;
  if (argument === undefined) return usage.coordinates.has(field);
  return usage.coordinates.has(path) || (fieldWideArgumentChanges.has(change.type) && usage.coordinates.has(field));
}

/**
 * The changes from `base` to `next`, each with its class, the subgraphs that define it and the
 * registered operations it reaches. Breaking first, then dangerous, then safe; by path within.
 */
export async function classifyChanges(
  base: GraphQLSchema,
  next: GraphQLSchema,
  operations: RegisteredOperation[],
  owners: Ownership,
): Promise<ClassifiedChange[]> {
  const changes = await diff(base, next);
  const usages = operations.map((operation) => ({ operation, usage: operationUsage(base, operation.document) }));
  const order: ChangeClass[] = ['breaking', 'dangerous', 'safe'];
  return changes
    .map((change): ClassifiedChange => {
      const usedBy = usages
        .filter(({ usage }) => changeReaches(change, usage, base, next))
        .map(({ operation: { client, operation, id } }) => ({ client, operation, id }));
      return {
        ...classOf(change),
        type: change.type,
        message: change.message,
        ...(change.path ? { path: change.path } : {}),
        subgraphs: change.path ? owners(change.path) : [],
        usedBy,
      };
    })
    .sort(
      (a, b) =>
        order.indexOf(a.class) - order.indexOf(b.class) || (a.path ?? '').localeCompare(b.path ?? '') || a.message.localeCompare(b.message),
    );
}
