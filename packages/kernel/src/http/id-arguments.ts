import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { validationError, type FieldError } from '../errors';
import { isUuid } from '../ids';

/** What a well-formed id of one kind looks like, and what to tell a caller who sent something else. */
export interface IdFormat {
  test(value: string): boolean;
  message: string;
}

/** The format of every `ID` argument and input field unless a subgraph names another. */
export const uuidIdFormat: IdFormat = { test: isUuid, message: 'Must be a UUID' };

/**
 * Checks every `ID` argument of every field (also inside input objects and lists) before the
 * field resolves, so a malformed id is a VALIDATION_ERROR naming the argument (`id`,
 * `input.workflowId`) instead of a Postgres cast error or a silent null. Resolvers (and
 * subscriptions' `subscribe`) are wrapped in place. `formats` names the ids that are not UUIDs,
 * by `Type.field.argument` or `InputType.field`; an unknown name is a startup error.
 */
export function guardIdArguments(schema: GraphQLSchema, formats: Record<string, IdFormat> = {}): void {
  for (const key of Object.keys(formats)) {
    if (!namesAnId(schema, key)) throw new Error(`guardIdArguments: ${key} is not an ID argument or input field of the schema`);
  }
  const formatOf = (key: string) => formats[key] ?? uuidIdFormat;
  const carriesId = idCarrierTest(schema);

  const collect = (type: GraphQLInputType, value: unknown, path: string, format: IdFormat, problems: FieldError[]): void => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(value)) value.forEach((item, i) => collect(inner.ofType, item, `${path}[${i}]`, format, problems));
    } else if (isInputObjectType(inner)) {
      for (const field of Object.values(inner.getFields())) {
        if (!carriesId(field.type)) continue;
        collect(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, formatOf(`${inner.name}.${field.name}`), problems);
      }
    } else if (getNamedType(inner).name === 'ID' && !format.test(String(value))) {
      problems.push({ field: path, message: format.message });
    }
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checked = field.args.filter((arg) => carriesId(arg.type));
      if (checked.length === 0) continue;
      const check = (args: Record<string, unknown>) => {
        const problems: FieldError[] = [];
        for (const arg of checked) collect(arg.type, args[arg.name], arg.name, formatOf(`${type.name}.${field.name}.${arg.name}`), problems);
        if (problems.length > 0) throw validationError(problems, 'Malformed id');
      };
      wrap(field, 'resolve', check);
      if (field.subscribe) wrap(field, 'subscribe', check);
    }
  }
}

/** Whether `Type.field.argument` or `InputType.field` is an ID argument or input field of the schema. */
function namesAnId(schema: GraphQLSchema, key: string): boolean {
  const [typeName, fieldName, argName] = key.split('.');
  const type = schema.getType(typeName);
  if (argName) return isObjectType(type) && (type.getFields()[fieldName]?.args ?? []).some((arg) => arg.name === argName && getNamedType(arg.type).name === 'ID');
  const field = isInputObjectType(type) ? type.getFields()[fieldName] : undefined;
  return field !== undefined && getNamedType(field.type).name === 'ID';
}

function wrap(field: GraphQLField<unknown, unknown>, hook: 'resolve' | 'subscribe', check: (args: Record<string, unknown>) => void): void {
  const original: GraphQLFieldResolver<unknown, unknown> = field[hook] ?? defaultFieldResolver;
  field[hook] = (source, args, context, info) => {
    check(args);
    return original(source, args, context, info);
  };
}

/** Whether an input type holds an ID anywhere: input objects are marked until nothing changes (they may be recursive). */
function idCarrierTest(schema: GraphQLSchema): (type: GraphQLInputType) => boolean {
  const carriers = new Set<string>();
  const test = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    return named.name === 'ID' || carriers.has(named.name);
  };
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  for (let changed = true; changed; ) {
    changed = false;
    for (const input of inputs) {
      if (carriers.has(input.name) || !Object.values(input.getFields()).some((field) => test(field.type))) continue;
      carriers.add(input.name);
      changed = true;
    }
  }
  return test;
}
