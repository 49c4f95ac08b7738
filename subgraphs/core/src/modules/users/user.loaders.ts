import { rowLoader } from '@flowgraph/kernel';
import type { UserRepository } from './user.repository';

/** Per-request loaders: one query per tick whatever the number of users asked for. */
export function createUserLoaders(repository: UserRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (u) => u.id,
    ),
  };
}

export type UserLoaders = ReturnType<typeof createUserLoaders>;
