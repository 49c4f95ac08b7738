/**
 * The scopes an API key may hold: the fixed list of docs/auth.md, whose authority is Core's
 * `api-key.scopes.ts` (anything else is a VALIDATION_ERROR). Grouped as the form shows them.
 */
export const API_KEY_SCOPE_GROUPS: { label: string; scopes: string[] }[] = [
  { label: 'Organization', scopes: ['organization:read', 'organization:write', 'members:write', 'audit:read'] },
  { label: 'Events', scopes: ['events:read', 'events:write'] },
  { label: 'Workflows', scopes: ['workflows:read', 'workflows:write', 'workflows:execute'] },
  { label: 'Integrations', scopes: ['integrations:read', 'integrations:write'] },
  { label: 'Analytics', scopes: ['patterns:read', 'suggestions:read', 'suggestions:write', 'reports:read'] },
];

export const API_KEY_SCOPES = API_KEY_SCOPE_GROUPS.flatMap((group) => group.scopes);

/** The end of the chosen day in the browser's time zone, as the graph's DateTime; undefined when none was chosen. */
export function expiryOf(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}
