import type { RequestContext } from '@flowgraph/kernel';
import { createPatternLoaders, type PatternLoaders } from './modules/patterns/pattern.loaders';
import { PatternRepository } from './modules/patterns/pattern.repository';
import { PatternService } from './modules/patterns/pattern.service';
import { createReportingContext, type ReportingContext, type ReportingModuleDeps } from './modules/reporting/reporting.context';
import { createSuggestionsContext, type SuggestionsContext, type SuggestionModuleDeps } from './modules/suggestions/suggestion.context';

export interface AnalyticsContext extends RequestContext {
  loaders: { patterns: PatternLoaders } & SuggestionsContext['loaders'];
  patterns: PatternService;
  suggestions: SuggestionsContext['service'];
  reporting: ReportingContext;
}

/** Process-wide pieces the per-request context is built from. */
export interface AnalyticsContextDeps {
  suggestions: SuggestionModuleDeps;
  reporting: ReportingModuleDeps;
}

export function createAnalyticsContext(base: RequestContext, deps: AnalyticsContextDeps): AnalyticsContext {
  const repository = new PatternRepository(base.em);
  const patternLoaders = createPatternLoaders(repository);
  const suggestions = createSuggestionsContext(base, deps.suggestions);
  return {
    ...base,
    loaders: { patterns: patternLoaders, ...suggestions.loaders },
    patterns: new PatternService(repository, patternLoaders),
    suggestions: suggestions.service,
    reporting: createReportingContext(base, deps.reporting),
  };
}
