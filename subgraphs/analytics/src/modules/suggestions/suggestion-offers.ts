import { randomUUID } from 'node:crypto';
import type { Logger } from '@flowgraph/kernel';
import type { AnalyticsConfig } from '../../config';
import type { Pattern } from '../patterns/pattern.entity';
import type { PatternListener, PatternsUpdated } from '../patterns/pattern-listener';
import type { CatalogTemplate } from './catalog-template';
import type { SuggestionAddedMessage, SuggestionFeed } from './suggestion-feed';
import { SuggestionOfferRepository, type ExistingSuggestion } from './suggestion-offer.repository';
import {
  draftSuggestion,
  existingSuggestionAction,
  isAboveThresholds,
  matchingTemplate,
  type SuggestionDraft,
  type SuggestionThresholds,
} from './suggestion-rules';
import type { WorkflowClient } from './workflow-client';

export interface SuggestionListenerDeps {
  /** Where the template catalog comes from. */
  workflow: Pick<WorkflowClient, 'templates'>;
  /** Announces new and reopened suggestions after commit; without it nothing is announced. */
  feed?: SuggestionFeed;
  thresholds: SuggestionThresholds;
  /** SUGGESTION_RESURFACE_FACTOR: a dismissed suggestion reopens when its pattern's support reaches this times its support at dismissal. */
  resurfaceFactor: number;
  /** PATTERN_WINDOW_DAYS: the span the patterns' support counts, and the recent events parameters are guessed from. */
  windowDays: number;
  logger: Logger;
}

/** The listener's settings, from the analytics configuration. */
export function suggestionSettings(
  config: Pick<
    AnalyticsConfig,
    'SUGGESTION_MIN_SUPPORT' | 'SUGGESTION_MIN_CONFIDENCE' | 'SUGGESTION_RESURFACE_FACTOR' | 'PATTERN_WINDOW_DAYS'
  >,
) {
  return {
    thresholds: { minSupport: config.SUGGESTION_MIN_SUPPORT, minConfidence: config.SUGGESTION_MIN_CONFIDENCE },
    resurfaceFactor: config.SUGGESTION_RESURFACE_FACTOR,
    windowDays: config.PATTERN_WINDOW_DAYS,
  };
}

const DAY_MS = 86_400_000;

/**
 * Turns a user's freshly mined patterns into suggestions, inside the miner's transaction: each
 * active pattern above the thresholds that matches a template gets one suggestion — created open
 * and announced; refreshed quietly while open; reopened and announced when dismissed and its
 * pattern has grown by the resurface factor; left alone once accepted. Returns the announcing,
 * for the miner to run after its commit.
 */
export function createSuggestionListener(deps: SuggestionListenerDeps): PatternListener {
  return async (update) => {
    const candidates = update.patterns.filter((p) => isAboveThresholds(p, deps.thresholds));
    if (candidates.length === 0) return;
    let templates: CatalogTemplate[];
    try {
      templates = await deps.workflow.templates({ orgId: update.orgId, userId: update.userId });
    } catch (error) {
      // The patterns are still worth saving; the next mining offers what this one could not.
      deps.logger.warn({ err: error, orgId: update.orgId, userId: update.userId }, 'template catalog unavailable; suggestions skipped');
      return;
    }
    const matches = candidates
      .map((pattern) => ({ pattern, template: matchingTemplate(pattern.sequence, templates) }))
      .filter((m): m is { pattern: Pattern; template: CatalogTemplate } => m.template !== undefined)
      // One lock order for every miner, so two mining the same user never deadlock.
      .sort((a, b) => a.pattern.id.localeCompare(b.pattern.id));
    if (matches.length === 0) return;

    const announced = await offer(update, matches, deps);
    if (announced.length === 0 || !deps.feed) return;
    const feed = deps.feed;
    return async () => {
      for (const message of announced) {
        await feed
          .publish(message)
          .catch((error: unknown) => deps.logger.error({ err: error, ...message }, 'suggestionAdded not published'));
      }
    };
  };
}

/** Writes the suggestions; returns those to announce. */
async function offer(
  update: PatternsUpdated,
  matches: { pattern: Pattern; template: CatalogTemplate }[],
  deps: SuggestionListenerDeps,
): Promise<SuggestionAddedMessage[]> {
  const repository = new SuggestionOfferRepository(update.em);
  const since = new Date(update.now.getTime() - deps.windowDays * DAY_MS);
  const counts = await repository.recentAttributeCounts(
    update.orgId,
    update.userId,
    matches.flatMap((m) => m.pattern.sequence),
    since,
  );
  const drafts = new Map<string, SuggestionDraft>(
    matches.map(({ pattern, template }) => [pattern.id, draftSuggestion(pattern, template, counts, deps.windowDays)]),
  );
  const supportOf = new Map(matches.map(({ pattern }) => [pattern.id, pattern.support]));
  const announced: SuggestionAddedMessage[] = [];
  const announce = (suggestionId: string) => announced.push({ suggestionId, orgId: update.orgId, userId: update.userId });

  // Existing ones first (locked), so a steady user costs one read; then the missing ones, where
  // the unique index settles a race with another miner (the loser's row is then handled as existing).
  const existing = await repository.lockByPatternIds(matches.map((m) => m.pattern.id));
  const known = new Set(existing.map((s) => s.patternId));
  const raced: string[] = [];
  for (const { pattern } of matches) {
    if (known.has(pattern.id)) continue;
    const id = randomUUID();
    const draft = drafts.get(pattern.id)!;
    const inserted = await repository.insertIfAbsent({
      ...draft,
      id,
      orgId: update.orgId,
      userId: update.userId,
      patternId: pattern.id,
      support: pattern.support,
      offeredAt: update.now,
    });
    if (inserted) announce(id);
    else raced.push(pattern.id);
  }
  for (const suggestion of [...existing, ...(await repository.lockByPatternIds(raced))]) {
    const draft = drafts.get(suggestion.patternId)!;
    const support = supportOf.get(suggestion.patternId)!;
    switch (existingSuggestionAction(suggestion, support, deps.resurfaceFactor)) {
      case 'refresh':
        if (!sameDraft(suggestion, draft)) await repository.refresh(suggestion.id, draft);
        break;
      case 'reopen':
        await repository.reopen(suggestion.id, draft, support, update.now);
        announce(suggestion.id);
        break;
      case 'keep':
        break;
    }
  }
  return announced;
}

/** Whether an open suggestion already says what the new draft says (then it is not rewritten). */
function sameDraft(current: ExistingSuggestion, draft: SuggestionDraft): boolean {
  const parameters = (p: Record<string, string>) => JSON.stringify(Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1)));
  return (
    current.title === draft.title &&
    current.explanation === draft.explanation &&
    current.estimatedMinutesSavedPerWeek === draft.estimatedMinutesSavedPerWeek &&
    parameters(current.parameters) === parameters(draft.parameters)
  );
}
