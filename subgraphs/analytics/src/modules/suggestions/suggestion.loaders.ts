import type DataLoader from 'dataloader';
import { groupLoader, rowLoader } from '@flowgraph/kernel';
import type { Suggestion, SuggestionStatus } from './suggestion.entity';
import type { SuggestionRepository } from './suggestion.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createSuggestionLoaders(repository: SuggestionRepository) {
  const firstPages = new Map<string, DataLoader<string, Suggestion[]>>();
  return {
    byId: rowLoader((ids) => repository.findByIds(ids), (suggestion) => suggestion.id),
    /** Pattern.suggestion: at most one per pattern. */
    byPatternId: rowLoader((patternIds) => repository.findByPatternIds(patternIds), (suggestion) => suggestion.patternId),
    /** The first page of each user's suggestions; one loader per page size and status (plus one row to detect a next page). */
    firstPageByUser(limit: number, status?: SuggestionStatus): DataLoader<string, Suggestion[]> {
      const key = `${limit}:${status ?? ''}`;
      let loader = firstPages.get(key);
      if (!loader) {
        loader = groupLoader((userIds) => repository.firstPageByUsers(userIds, limit + 1, status), (suggestion) => suggestion.userId);
        firstPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type SuggestionLoaders = ReturnType<typeof createSuggestionLoaders>;
