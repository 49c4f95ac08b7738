import { rowLoader } from '@flowgraph/kernel';
import type { SessionRepository } from './session.repository';

export function createSessionLoaders(repository: SessionRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (s) => s.id,
    ),
  };
}

export type SessionLoaders = ReturnType<typeof createSessionLoaders>;
