import { firstPageLoaders, rowLoader } from '@flowgraph/kernel';
import type { SuggestionStatus } from './suggestion.entity';
import type { SuggestionRepository } from './suggestion.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createSuggestionLoaders(repository: SuggestionRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (suggestion) => suggestion.id,
    ),
    /** Pattern.suggestion: at most one per pattern. */
    byPatternId: rowLoader(
      (patternIds) => repository.findByPatternIds(patternIds),
      (suggestion) => suggestion.patternId,
    ),
    /** The first `count` suggestions of each user, of one status if given. */
    firstPageByUser: firstPageLoaders(
      (userIds, count: number, status: SuggestionStatus | undefined) => repository.firstPageByUsers(userIds, count, status),
      (suggestion) => suggestion.userId,
    ),
  };
}

export type SuggestionLoaders = ReturnType<typeof createSuggestionLoaders>;
