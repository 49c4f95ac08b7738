import type { SuggestionOfferFragment } from '../../generated/graphql';

/**
 * The open suggestions to show: those listed by the query and those that arrived live since,
 * once each (an arrival is the newer copy: a reopened suggestion comes back with a new
 * `offeredAt`), newest offer first, without the ones answered on this page.
 */
export function mergeSuggestions(
  listed: readonly SuggestionOfferFragment[],
  arrived: readonly SuggestionOfferFragment[],
  answered: ReadonlySet<string>,
): SuggestionOfferFragment[] {
  const byId = new Map<string, SuggestionOfferFragment>();
  for (const suggestion of listed) byId.set(suggestion.id, suggestion);
  for (const suggestion of arrived) {
    const known = byId.get(suggestion.id);
    if (!known || Date.parse(suggestion.offeredAt) >= Date.parse(known.offeredAt)) byId.set(suggestion.id, suggestion);
  }
  return [...byId.values()]
    .filter((suggestion) => !answered.has(suggestion.id))
    .sort((a, b) => Date.parse(b.offeredAt) - Date.parse(a.offeredAt));
}
