const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs come from clients; a malformed one would be a Postgres cast error, so it is simply "not found". */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function validUuids(values: readonly string[]): string[] {
  return values.filter(isUuid);
}
