import {
  defaultFieldResolver,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
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

export interface ArgumentGuardOptions {
  /** The ids that are not UUIDs, by `Type.field.argument` or `InputType.field`. Default: none. */
  idFormats?: Record<string, IdFormat>;
}

/** Scalars whose values cannot hold text: nothing to check in them. */
const TEXTLESS = new Set(['Int', 'Float', 'Boolean']);
const NUL = '\u0000';

/**
 * Checks every argument of every field (inside input objects and lists too) before the field
 * resolves, for what Postgres would otherwise refuse with an error masked as INTERNAL: an `ID`
 * not of its format (a UUID unless `idFormats` names another), and text holding a NUL character
 * (anywhere in a string or a JSON value). Problems are one VALIDATION_ERROR whose `details` name
 * each argument (`id`, `input.workflowId`, `events[2].payload`). Resolvers (and subscriptions'
 * `subscribe`) are wrapped in place. An `idFormats` key the schema does not have is a startup error.
 */
export function guardArguments(schema: GraphQLSchema, options: ArgumentGuardOptions = {}): void {
  const formats = options.idFormats ?? {};
  for (const key of Object.keys(formats)) {
    if (!namesAnId(schema, key)) throw new Error(`guardArguments: ${key} is not an ID argument or input field of the schema`);
  }
  const formatOf = (key: string) => formats[key] ?? uuidIdFormat;
  const checked = checkedTypeTest(schema);
  // What to look at in each input type, worked out once per type, not per value: a batch
  // argument (1,000 events) walks the same fields a thousand times.
  const fieldsOf = new Map<GraphQLInputObjectType, CheckedInput[]>();
  const checkedFields = (type: GraphQLInputObjectType): CheckedInput[] => {
    let fields = fieldsOf.get(type);
    if (!fields) {
      fields = Object.values(type.getFields())
        .filter((field) => checked(field.type))
        .map((field) => ({ name: field.name, type: field.type, format: formatOf(`${type.name}.${field.name}`) }));
      fieldsOf.set(type, fields);
    }
    return fields;
  };

  // `path` holds the segments down to `value`; it is joined into text only for a problem.
  const collect = (type: GraphQLInputType, value: unknown, format: IdFormat, path: PathSegment[], problems: FieldError[]): void => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        collect(inner.ofType, value[i], format, path, problems);
        path.pop();
      }
    } else if (isInputObjectType(inner)) {
      for (const field of checkedFields(inner)) {
        path.push(field.name);
        collect(field.type, (value as Record<string, unknown>)[field.name], field.format, path, problems);
        path.pop();
      }
    } else if (getNamedType(inner).name === 'ID') {
      if (!format.test(String(value))) problems.push({ field: pathText(path), message: format.message });
    } else if (holdsNul(value)) {
      problems.push({ field: pathText(path), message: 'Must not contain NUL characters' });
    }
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const args: CheckedInput[] = field.args
        .filter((arg) => checked(arg.type))
        .map((arg) => ({ name: arg.name, type: arg.type, format: formatOf(`${type.name}.${field.name}.${arg.name}`) }));
      if (args.length === 0) continue;
      const check = (values: Record<string, unknown>) => {
        const problems: FieldError[] = [];
        for (const arg of args) collect(arg.type, values[arg.name], arg.format, [arg.name], problems);
        if (problems.length > 0) throw validationError(problems);
      };
      wrap(field, 'resolve', check);
      if (field.subscribe) wrap(field, 'subscribe', check);
    }
  }
}

/** An argument or input field to check, with the id format that applies to it. */
interface CheckedInput {
  name: string;
  type: GraphQLInputType;
  format: IdFormat;
}

type PathSegment = string | number;

/** `events[2].payload` from `['events', 2, 'payload']`. */
function pathText(path: PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Whether a string, or any key or string inside a JSON value, holds U+0000 (which Postgres text and jsonb refuse). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsNul(item)) return true;
    return false;
  }
  for (const key of Object.keys(value)) {
    if (key.includes(NUL) || holdsNul((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** Whether `Type.field.argument` or `InputType.field` is an ID argument or input field of the schema. */
function namesAnId(schema: GraphQLSchema, key: string): boolean {
  const [typeName, fieldName, argName] = key.split('.');
  const type = schema.getType(typeName);
  if (argName)
    return (
      isObjectType(type) &&
      (type.getFields()[fieldName]?.args ?? []).some((arg) => arg.name === argName && getNamedType(arg.type).name === 'ID')
    );
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

/**
 * Whether an input type holds anything to check (an ID or text): input objects are marked until
 * nothing changes, since they may be recursive.
 */
function checkedTypeTest(schema: GraphQLSchema): (type: GraphQLInputType) => boolean {
  const marked = new Set<string>();
  const leaf = (named: GraphQLNamedType) => !isInputObjectType(named) && !isEnumType(named) && !TEXTLESS.has(named.name);
  const test = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    return marked.has(named.name) || leaf(named);
  };
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  for (let changed = true; changed;) {
    changed = false;
    for (const input of inputs) {
      if (marked.has(input.name) || !Object.values(input.getFields()).some((field) => test(field.type))) continue;
      marked.add(input.name);
      changed = true;
    }
  }
  return test;
}
