/**
 * Core refuses an event whose payload is over 16 KiB as JSON (MAX_PAYLOAD_BYTES in Core's
 * event.validation.ts); provider payloads are often larger (a GitHub pull_request is 20–30 KiB).
 */
export const CORE_EVENT_PAYLOAD_MAX_BYTES = 16 * 1024;

/** The longest string kept in a summary field (a PR body, a message's text). */
export const SUMMARY_TEXT_MAX = 1000;

export type Summary = Record<string, string | number | boolean>;

interface PruneLevel {
  maxString: number;
  maxItems: number;
  maxDepth: number;
}

/** Tried in order until the payload fits: each keeps less of every string, list and nesting level. */
const PRUNE_LEVELS: PruneLevel[] = [
  { maxString: 2000, maxItems: 50, maxDepth: 8 },
  { maxString: 500, maxItems: 20, maxDepth: 6 },
  { maxString: 200, maxItems: 10, maxDepth: 4 },
  { maxString: 80, maxItems: 5, maxDepth: 3 },
];

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** At most `max` UTF-16 units, never splitting a surrogate pair (Postgres' jsonb refuses a lone surrogate). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** GitHub's API links (`*_url`, `_links`) are most of a payload and derivable; the page link `html_url` is kept. */
const isApiLink = (key: string) => key === '_links' || (key.endsWith('_url') && key !== 'html_url');

function prune(value: unknown, level: PruneLevel, depth: number): unknown {
  if (typeof value === 'string') return cut(value, level.maxString);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= level.maxDepth) return undefined;
  if (Array.isArray(value)) return value.slice(0, level.maxItems).map((item) => prune(item, level, depth + 1) ?? null);
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isApiLink(key)) continue;
    const pruned = prune(item, level, depth + 1);
    if (pruned !== undefined) kept[key] = pruned;
  }
  return kept;
}

/**
 * An event's payload: the summary fields (what templates and pattern mining read: `title`, `url`,
 * `repository`, `channel`…) at the top, the provider's JSON under `data`. When that is too large
 * for Core, `data` is pruned (API links dropped, then strings, lists and depth cut) and
 * `truncated: true` says so; if nothing fits, only the summary is kept.
 */
export function eventPayload(summary: Summary, data: unknown, maxBytes = CORE_EVENT_PAYLOAD_MAX_BYTES): Record<string, unknown> {
  const whole = { ...summary, data };
  if (jsonBytes(whole) <= maxBytes) return whole;
  for (const level of PRUNE_LEVELS) {
    const candidate = { ...summary, data: prune(data, level, 0), truncated: true };
    if (jsonBytes(candidate) <= maxBytes) return candidate;
  }
  return { ...summary, truncated: true };
}
