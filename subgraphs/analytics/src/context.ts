import type { RequestContext } from '@flowgraph/kernel';
import { createPatternLoaders, type PatternLoaders } from './modules/patterns/pattern.loaders';
import { PatternRepository } from './modules/patterns/pattern.repository';
import { createReportingContext, type ReportingContext, type ReportingModuleDeps } from './modules/reporting/reporting.context';
import { createSuggestionsContext, type SuggestionsContext, type SuggestionModuleDeps } from './modules/suggestions/suggestion.context';

export interface AnalyticsContext extends RequestContext {
  loaders: { patterns: PatternLoaders } & SuggestionsContext['loaders'];
  /** Written by the miner only (worker), so resolvers read through the repository directly. */
  patterns: PatternRepository;
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
  const suggestions = createSuggestionsContext(base, deps.suggestions);
  return {
    ...base,
    loaders: { patterns: createPatternLoaders(repository), ...suggestions.loaders },
    patterns: repository,
    suggestions: suggestions.service,
    reporting: createReportingContext(base, deps.reporting),
  };
}
