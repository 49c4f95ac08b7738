/** Turns a path like `['steps', 2, 'config', 'url']` into `definition.steps[2].config.url`. */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let field = prefix;
  for (const part of path) field += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return field;
}
