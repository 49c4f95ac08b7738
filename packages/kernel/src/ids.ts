const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Client arguments are refused earlier when malformed (`guardArguments`); ids reaching a repository
 * by other ways (entity references, loader keys) are filtered, since Postgres would fail the cast.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function validUuids(values: readonly string[]): string[] {
  return values.filter(isUuid);
}
