import type { RequestContext } from '@flowgraph/kernel';
import { createSuggestionLoaders, type SuggestionLoaders } from './suggestion.loaders';
import { SuggestionRepository } from './suggestion.repository';
import { SuggestionService } from './suggestion.service';
import type { SuggestionFeed } from './suggestion-feed';
import type { WorkflowClient } from './workflow-client';

/**
 * Process-wide pieces of the suggestions module. Both are optional so a server can run without
 * them (tests that only read): without `workflow`, acceptSuggestion fails; without `feed`, the
 * server does not serve subscriptions.
 */
export interface SuggestionsModuleDeps {
  /** The Workflow subgraph: creates the workflow of an accepted suggestion. */
  workflow?: Pick<WorkflowClient, 'createWorkflowFromTemplate'>;
  /**
   * The `suggestionAdded` feed. Its RedisPubSub must have a subscriber connection: given a feed,
   * the server serves subscriptions over graphql-ws.
   */
  feed?: SuggestionFeed;
}

/** The suggestions module's share of the request context. */
export interface SuggestionsContext {
  loaders: { suggestions: SuggestionLoaders };
  suggestions: SuggestionService;
}

export function createSuggestionsContext(base: RequestContext, deps: SuggestionsModuleDeps): SuggestionsContext {
  const repository = new SuggestionRepository(base.em);
  const loaders = createSuggestionLoaders(repository);
  return { loaders: { suggestions: loaders }, suggestions: new SuggestionService(base.em, repository, loaders, deps) };
}
