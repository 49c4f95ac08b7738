import type { RequestContext } from '@flowgraph/kernel';
import { createPatternLoaders, type PatternLoaders } from './pattern.loaders';
import { PatternRepository } from './pattern.repository';
import { PatternService } from './pattern.service';

/** The patterns module's share of the request context. */
export interface PatternsContext {
  loaders: { patterns: PatternLoaders };
  patterns: PatternService;
}

export function createPatternsContext(base: RequestContext): PatternsContext {
  const repository = new PatternRepository(base.em);
  const loaders = createPatternLoaders(repository);
  return { loaders: { patterns: loaders }, patterns: new PatternService(repository, loaders) };
}
