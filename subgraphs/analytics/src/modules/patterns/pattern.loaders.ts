import type DataLoader from 'dataloader';
import { groupLoader, rowLoader } from '@flowgraph/kernel';
import type { Pattern } from './pattern.entity';
import type { PatternRepository } from './pattern.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createPatternLoaders(repository: PatternRepository) {
  const firstPages = new Map<number, DataLoader<string, Pattern[]>>();
  return {
    byId: rowLoader((ids) => repository.findByIds(ids), (pattern) => pattern.id),
    /** The first page of each user's patterns; one loader per page size (plus one row to detect a next page). */
    firstPageByUser(limit: number): DataLoader<string, Pattern[]> {
      let loader = firstPages.get(limit);
      if (!loader) {
        loader = groupLoader((userIds) => repository.firstPageByUsers(userIds, limit + 1), (pattern) => pattern.userId);
        firstPages.set(limit, loader);
      }
      return loader;
    },
  };
}

export type PatternLoaders = ReturnType<typeof createPatternLoaders>;
