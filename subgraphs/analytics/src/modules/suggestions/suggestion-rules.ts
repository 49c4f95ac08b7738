import type { Pattern, PatternStep } from '../patterns/pattern.entity';
import type { CatalogTemplate } from './catalog-template';
import type { Suggestion } from './suggestion.entity';
import { phraseOf, type StepAttributes } from './event-phrases';

/**
 * The rules that turn a pattern into a suggestion: pure functions of the pattern, the template
 * catalog and the attribute values seen on the user's events (unit-tested in suggestion-rules.test.ts).
 */

export interface SuggestionThresholds {
  /** SUGGESTION_MIN_SUPPORT: sessions containing the pattern. */
  minSupport: number;
  /** SUGGESTION_MIN_CONFIDENCE: support of the pattern over support of its prefix. */
  minConfidence: number;
}

/** The pattern's figures the rules read. */
export type PatternFigures = Pick<Pattern, 'sequence' | 'support' | 'confidence' | 'supportLastWeek' | 'active'>;

/** How many of the user's recent events of one type carried one attribute value. */
export interface AttributeValueCount {
  tool: string;
  eventType: string;
  key: string;
  value: string;
  count: number;
  lastSeenAt: Date;
}

/** What a suggestion says, built from a pattern and the template it matches. */
export interface SuggestionDraft {
  templateId: string;
  title: string;
  explanation: string;
  parameters: Record<string, string>;
  estimatedMinutesSavedPerWeek: number;
}

/**
 * Heuristic for time saved: each step a person does by hand after the trigger (switching tool,
 * finding the place, typing) is taken to cost about this many minutes.
 */
export const MINUTES_PER_MANUAL_STEP = 2;

export function isAboveThresholds(pattern: Pick<Pattern, 'support' | 'confidence' | 'active'>, thresholds: SuggestionThresholds): boolean {
  return pattern.active && pattern.support >= thresholds.minSupport && pattern.confidence >= thresholds.minConfidence;
}

const sameStep = (a: PatternStep, b: PatternStep) => a.tool === b.tool && a.eventType === b.eventType;

/**
 * The template whose `pattern` is exactly the pattern's sequence. Exact is enough: the miner
 * already lets other events happen between the steps.
 */
export function matchingTemplate(sequence: readonly PatternStep[], templates: readonly CatalogTemplate[]): CatalogTemplate | undefined {
  return templates.find((t) => t.pattern.length === sequence.length && t.pattern.every((step, i) => sameStep(step, sequence[i])));
}

/** Most frequent first; ties go to the value seen most recently, then to the alphabetically first (stable). */
const moreFrequent = (a: AttributeValueCount, b: AttributeValueCount) =>
  b.count - a.count || b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || a.value.localeCompare(b.value);

/** For each step of the sequence, the most frequent value of each attribute on events of that step's type. */
export function attributesPerStep(sequence: readonly PatternStep[], counts: readonly AttributeValueCount[]): StepAttributes[] {
  return sequence.map((step) => {
    const best: Record<string, AttributeValueCount> = {};
    for (const count of counts) {
      if (!sameStep(count, step)) continue;
      const current = best[count.key];
      if (!current || moreFrequent(count, current) < 0) best[count.key] = count;
    }
    return Object.fromEntries(Object.entries(best).map(([key, count]) => [key, count.value]));
  });
}

/**
 * Template parameters guessed from the steps' attributes, by name (a `channel` parameter takes a
 * step's `channel`). The steps done by hand after the trigger are where the place the workflow
 * should act shows up (the Slack channel posted in), so later steps win over earlier ones and the
 * trigger comes last. Parameters no step carries are left out (the person fills them in).
 */
export function prefillParameters(template: Pick<CatalogTemplate, 'parameters'>, steps: readonly StepAttributes[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const name of template.parameters) {
    for (let i = steps.length - 1; i >= 0; i--) {
      const value = steps[i][name];
      if (value !== undefined) {
        parameters[name] = value;
        break;
      }
    }
  }
  return parameters;
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/**
 * "14 times this week" when the last 7 days are at least as busy as the window's weekly average
 * (and it happened more than once), which reads as current; otherwise the whole window's count,
 * "9 times in the last 30 days", so a quieter week does not undersell a steady habit.
 */
export function describeFrequency(pattern: Pick<Pattern, 'support' | 'supportLastWeek'>, windowDays: number): string {
  const weeklyAverage = (pattern.support * 7) / windowDays;
  if (pattern.supportLastWeek >= 2 && pattern.supportLastWeek >= weeklyAverage) return `${times(pattern.supportLastWeek)} this week`;
  return `${times(pattern.support)} in the last ${windowDays} days`;
}

/** "You opened a PR on GitHub and then posted in #reviews on Slack 14 times this week." */
export function explain(
  pattern: Pick<Pattern, 'sequence' | 'support' | 'supportLastWeek'>,
  steps: readonly StepAttributes[],
  windowDays: number,
): string {
  const phrases = pattern.sequence.map((step, i) => phraseOf(step, steps[i]));
  const last = phrases.pop()!;
  const actions = phrases.length === 0 ? last : `${phrases.join(', then ')} and then ${last}`;
  return `You ${actions} ${describeFrequency(pattern, windowDays)}.`;
}

/**
 * Minutes a week the workflow would save: MINUTES_PER_MANUAL_STEP for each step after the trigger,
 * times how often a week the pattern happens — the last 7 days or the window's weekly average,
 * whichever is higher (a rising habit counts at its current rate; a week off does not zero it).
 */
export function estimateMinutesSavedPerWeek(
  pattern: Pick<Pattern, 'sequence' | 'support' | 'supportLastWeek'>,
  windowDays: number,
): number {
  const manualSteps = Math.max(0, pattern.sequence.length - 1);
  const perWeek = Math.max(pattern.supportLastWeek, (pattern.support * 7) / windowDays);
  return Math.round(MINUTES_PER_MANUAL_STEP * manualSteps * perWeek);
}

/** What to do with a pattern's existing suggestion when the pattern is mined again. */
export type ExistingSuggestionAction =
  /** Open: update what it says (figures changed), without announcing it again. */
  | 'refresh'
  /** Dismissed, and the pattern grew by the resurface factor since: offer it again. */
  | 'reopen'
  /** Accepted, or dismissed and not grown enough: leave it as it is. */
  | 'keep';

export function existingSuggestionAction(
  suggestion: Pick<Suggestion, 'status' | 'supportAtDismissal'>,
  support: number,
  resurfaceFactor: number,
): ExistingSuggestionAction {
  switch (suggestion.status) {
    case 'open':
      return 'refresh';
    case 'dismissed':
      return support >= resurfaceFactor * (suggestion.supportAtDismissal ?? 0) ? 'reopen' : 'keep';
    case 'accepted':
      return 'keep';
  }
}

/** Everything a suggestion says about `pattern`, which matches `template`. */
export function draftSuggestion(
  pattern: PatternFigures,
  template: CatalogTemplate,
  counts: readonly AttributeValueCount[],
  windowDays: number,
): SuggestionDraft {
  const steps = attributesPerStep(pattern.sequence, counts);
  return {
    templateId: template.id,
    title: template.name,
    explanation: explain(pattern, steps, windowDays),
    parameters: prefillParameters(template, steps),
    estimatedMinutesSavedPerWeek: estimateMinutesSavedPerWeek(pattern, windowDays),
  };
}
