import type { RequestContext } from '@flowgraph/kernel';
import { createPatternLoaders, type PatternLoaders } from './modules/patterns/pattern.loaders';
import { PatternRepository } from './modules/patterns/pattern.repository';

export interface AnalyticsContext extends RequestContext {
  loaders: { patterns: PatternLoaders };
  /** Read-only for now (no rules to enforce beyond RBAC), so resolvers use the repository directly. */
  patterns: PatternRepository;
}

export function createAnalyticsContext(base: RequestContext): AnalyticsContext {
  const repository = new PatternRepository(base.em);
  return {
    ...base,
    loaders: { patterns: createPatternLoaders(repository) },
    patterns: repository,
  };
}
