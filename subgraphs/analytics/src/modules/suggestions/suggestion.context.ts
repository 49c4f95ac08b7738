import type { RequestContext } from '@flowgraph/kernel';

// Placeholder until the suggestions module lands (issue 4): replaced by its real context.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SuggestionModuleDeps {}

export function createSuggestionsContext(_base: RequestContext, _deps: SuggestionModuleDeps) {
  return { loaders: {}, service: {} };
}

export type SuggestionsContext = ReturnType<typeof createSuggestionsContext>;
