import type { RequestContext } from '@flowgraph/kernel';
import { createPatternsContext, type PatternsContext } from './modules/patterns/patterns.context';
import { createReportingContext, type ReportingContext, type ReportingModuleDeps } from './modules/reporting/reporting.context';
import { createSuggestionsContext, type SuggestionsContext, type SuggestionsModuleDeps } from './modules/suggestions/suggestions.context';

export interface AnalyticsContext extends RequestContext {
  loaders: PatternsContext['loaders'] & SuggestionsContext['loaders'];
  patterns: PatternsContext['patterns'];
  suggestions: SuggestionsContext['suggestions'];
  reporting: ReportingContext['reporting'];
}

/** Process-wide pieces the per-request context is built from, per module. */
export interface ContextDeps {
  suggestions: SuggestionsModuleDeps;
  reporting: ReportingModuleDeps;
}

export function createContextFactory(deps: ContextDeps): (base: RequestContext) => AnalyticsContext {
  return (base) => {
    const patterns = createPatternsContext(base);
    const suggestions = createSuggestionsContext(base, deps.suggestions);
    const reporting = createReportingContext(base, deps.reporting);
    return {
      loaders: Object.assign({}, patterns.loaders, suggestions.loaders),
      patterns: patterns.patterns,
      suggestions: suggestions.suggestions,
      reporting: reporting.reporting,
      ...base,
    };
  };
}
