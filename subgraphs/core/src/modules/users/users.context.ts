import type { RequestContext } from '@flowgraph/kernel';
import { createUserLoaders, type UserLoaders } from './user.loaders';
import { UserRepository } from './user.repository';

/** The users module's share of a request context; `repository` is for the modules that sign people up and in, not for the context. */
export function createUsersContext(base: Pick<RequestContext, 'em'>): { loaders: UserLoaders; repository: UserRepository } {
  const repository = new UserRepository(base.em);
  return { loaders: createUserLoaders(repository), repository };
}
