/**
 * The payload values Analytics keeps with an event: the template parameter vocabulary, so a
 * suggestion can prefill a template's parameters ("#reviews") without Analytics keeping whole
 * payloads.
 */
export const EVENT_ATTRIBUTE_KEYS = ['channel', 'team', 'project', 'repository', 'bucket', 'folder', 'prefix', 'url'] as const;

export type EventAttributeKey = (typeof EVENT_ATTRIBUTE_KEYS)[number];

/** Longest value kept; a longer one is dropped rather than cut (a cut URL or name would be wrong). */
export const MAX_ATTRIBUTE_LENGTH = 200;

/**
 * The allow-listed top-level string values of an event's payload, trimmed; empty and overlong
 * values, non-strings and every other key are left out.
 */
export function extractEventAttributes(payload: unknown): Partial<Record<EventAttributeKey, string>> {
  const attributes: Partial<Record<EventAttributeKey, string>> = {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return attributes;
  const record = payload as Record<string, unknown>;
  for (const key of EVENT_ATTRIBUTE_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const value = record[key];
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed.length > 0 && trimmed.length <= MAX_ATTRIBUTE_LENGTH) attributes[key] = trimmed;
  }
  return attributes;
}
