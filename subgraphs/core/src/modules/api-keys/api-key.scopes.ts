/**
 * Every scope an API key can hold. Subgraphs check these names with `requireRole(…, scope)`;
 * a key asking for anything else is refused at creation, so a typo never yields a key that
 * silently can do nothing.
 */
export const API_KEY_SCOPES = [
  'organization:read',
  'organization:write',
  'members:write',
  'audit:read',
  'events:read',
  'events:write',
  'workflows:read',
  'workflows:write',
  'workflows:execute',
  'integrations:read',
  'integrations:write',
  'patterns:read',
  'reports:read',
  'suggestions:read',
  'suggestions:write',
] as const;

const known = new Set<string>(API_KEY_SCOPES);

export const isApiKeyScope = (scope: string): boolean => known.has(scope);
