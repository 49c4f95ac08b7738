import { firstPageLoaders, rowLoader } from '@flowgraph/kernel';
import type { PatternRepository } from './pattern.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createPatternLoaders(repository: PatternRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (pattern) => pattern.id,
    ),
    /** The first `count` patterns of each user. */
    firstPageByUser: firstPageLoaders(
      (userIds, count: number) => repository.firstPageByUsers(userIds, count),
      (pattern) => pattern.userId,
    ),
  };
}

export type PatternLoaders = ReturnType<typeof createPatternLoaders>;
