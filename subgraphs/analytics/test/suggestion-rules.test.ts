import { phraseOf, toolName } from '../src/modules/suggestions/event-phrases';
import type { CatalogTemplate } from '../src/modules/suggestions/catalog-template';
import {
  attributesPerStep,
  describeFrequency,
  draftSuggestion,
  estimateMinutesSavedPerWeek,
  existingSuggestionAction,
  explain,
  isAboveThresholds,
  matchingTemplate,
  prefillParameters,
  type AttributeValueCount,
  type PatternFigures,
} from '../src/modules/suggestions/suggestion-rules';

const prOpened = { tool: 'github', eventType: 'pr.opened' };
const slackPost = { tool: 'slack', eventType: 'message.posted' };
const teamsPost = { tool: 'teams', eventType: 'message.posted' };

const prToSlack: CatalogTemplate = {
  id: 'github-pr-opened-to-slack',
  name: 'Post to Slack when a PR is opened',
  description: 'Posts every new PR to a Slack channel.',
  parameters: ['channel'],
  trigger: prOpened,
  pattern: [prOpened, slackPost],
};
const prToTeams: CatalogTemplate = {
  ...prToSlack,
  id: 'github-pr-to-teams',
  name: 'PRs to Teams',
  parameters: ['team', 'channel'],
  pattern: [prOpened, teamsPost],
};
const catalog = [prToTeams, prToSlack];

const pattern = (overrides: Partial<PatternFigures> = {}): PatternFigures => ({
  sequence: [prOpened, slackPost],
  support: 20,
  confidence: 0.8,
  supportLastWeek: 14,
  active: true,
  ...overrides,
});

const seen = (tool: string, eventType: string, key: string, value: string, count: number, day = 1): AttributeValueCount => ({
  tool,
  eventType,
  key,
  value,
  count,
  lastSeenAt: new Date(Date.UTC(2026, 0, day)),
});

describe('thresholds', () => {
  const thresholds = { minSupport: 5, minConfidence: 0.5 };

  it('takes an active pattern at or above both thresholds', () => {
    expect(isAboveThresholds(pattern({ support: 5, confidence: 0.5 }), thresholds)).toBe(true);
  });

  it('refuses one below either threshold, or inactive', () => {
    expect(isAboveThresholds(pattern({ support: 4 }), thresholds)).toBe(false);
    expect(isAboveThresholds(pattern({ confidence: 0.49 }), thresholds)).toBe(false);
    expect(isAboveThresholds(pattern({ active: false }), thresholds)).toBe(false);
  });
});

describe('matchingTemplate', () => {
  it('finds the template whose pattern is exactly the sequence', () => {
    expect(matchingTemplate([prOpened, slackPost], catalog)?.id).toBe(prToSlack.id);
    expect(matchingTemplate([prOpened, teamsPost], catalog)?.id).toBe(prToTeams.id);
  });

  it('matches no prefix, extension, reordering or other tool', () => {
    expect(matchingTemplate([prOpened], catalog)).toBeUndefined();
    expect(matchingTemplate([prOpened, slackPost, slackPost], catalog)).toBeUndefined();
    expect(matchingTemplate([slackPost, prOpened], catalog)).toBeUndefined();
    expect(matchingTemplate([{ tool: 'gitlab', eventType: 'pr.opened' }, slackPost], catalog)).toBeUndefined();
  });
});

describe('parameters prefilled from event attributes', () => {
  it('takes each step’s most frequent value, ties to the most recent then alphabetical', () => {
    const steps = attributesPerStep(
      [prOpened, slackPost],
      [
        seen('slack', 'message.posted', 'channel', '#general', 3),
        seen('slack', 'message.posted', 'channel', '#reviews', 9),
        seen('github', 'pr.opened', 'repository', 'acme/web', 2, 1),
        seen('github', 'pr.opened', 'repository', 'acme/api', 2, 5),
        seen('slack', 'message.posted', 'team', 'b', 1),
        seen('slack', 'message.posted', 'team', 'a', 1),
        seen('teams', 'message.posted', 'channel', 'Elsewhere', 50),
      ],
    );
    expect(steps).toEqual([{ repository: 'acme/api' }, { channel: '#reviews', team: 'a' }]);
  });

  it('fills a parameter from the latest step carrying it (the action), not the trigger, and leaves unknown ones out', () => {
    const template = { parameters: ['channel', 'project', 'url'] };
    expect(prefillParameters(template, [{ channel: '#from-trigger', project: 'p' }, { channel: '#reviews' }])).toEqual({
      channel: '#reviews',
      project: 'p',
    });
    expect(prefillParameters(template, [{}, {}])).toEqual({});
  });
});

describe('explanation', () => {
  it('reads as the issue’s example, with the place from the events', () => {
    expect(explain(pattern(), [{}, { channel: '#reviews' }], 30)).toBe(
      'You opened a PR on GitHub and then posted in #reviews on Slack 14 times this week.',
    );
  });

  it('joins longer patterns and falls back to "<eventType> in <Tool>" for unknown event types', () => {
    const sequence = [prOpened, { tool: 'jira', eventType: 'issue_created' }, { tool: 'google_drive', eventType: 'file.renamed' }];
    expect(explain(pattern({ sequence }), [{ repository: 'acme/api' }, {}, {}], 30)).toBe(
      'You opened a PR in acme/api on GitHub, then issue_created in Jira and then file.renamed in Google Drive 14 times this week.',
    );
  });

  it('says "this week" when the last 7 days are at least as busy as usual, else counts the whole window', () => {
    expect(describeFrequency({ support: 30, supportLastWeek: 7 }, 30)).toBe('7 times this week');
    expect(describeFrequency({ support: 30, supportLastWeek: 6 }, 30)).toBe('30 times in the last 30 days');
    expect(describeFrequency({ support: 5, supportLastWeek: 2 }, 30)).toBe('twice this week');
    // Once is never "this week": the window reads better.
    expect(describeFrequency({ support: 2, supportLastWeek: 1 }, 30)).toBe('twice in the last 30 days');
    expect(describeFrequency({ support: 1, supportLastWeek: 0 }, 14)).toBe('once in the last 14 days');
  });

  it('has a phrase per known event type, and readable tool names', () => {
    expect(phraseOf(slackPost)).toBe('posted a message on Slack');
    expect(phraseOf({ tool: 's3', eventType: 'object.created' }, { bucket: 'photos' })).toBe('uploaded a file to photos on S3');
    expect(phraseOf({ tool: 'http', eventType: 'request.sent' }, { url: 'https://example.com/hook' })).toBe(
      'called https://example.com/hook',
    );
    expect(toolName('google_drive')).toBe('Google Drive');
    expect(toolName('service-now')).toBe('Service now');
  });
});

describe('estimated minutes saved per week', () => {
  it('counts 2 minutes per manual step after the trigger at the weekly rate', () => {
    // 1 manual step × 14 a week × 2 min
    expect(estimateMinutesSavedPerWeek(pattern(), 30)).toBe(28);
    // 2 manual steps × 5 a week × 2 min
    expect(estimateMinutesSavedPerWeek(pattern({ sequence: [prOpened, slackPost, teamsPost], supportLastWeek: 5 }), 30)).toBe(20);
  });

  it('uses the window’s weekly average when the last week was quieter', () => {
    // 60 in 30 days = 14 a week > 0 last week
    expect(estimateMinutesSavedPerWeek(pattern({ support: 60, supportLastWeek: 0 }), 30)).toBe(28);
  });
});

describe('existing suggestions', () => {
  it('refreshes an open one, keeps an accepted one', () => {
    expect(existingSuggestionAction({ status: 'open', supportAtDismissal: null }, 100, 2)).toBe('refresh');
    expect(existingSuggestionAction({ status: 'accepted', supportAtDismissal: null }, 100, 2)).toBe('keep');
  });

  it('reopens a dismissed one only once the pattern grew by the factor', () => {
    expect(existingSuggestionAction({ status: 'dismissed', supportAtDismissal: 10 }, 19, 2)).toBe('keep');
    expect(existingSuggestionAction({ status: 'dismissed', supportAtDismissal: 10 }, 20, 2)).toBe('reopen');
    expect(existingSuggestionAction({ status: 'dismissed', supportAtDismissal: 10 }, 14, 1.5)).toBe('keep');
    expect(existingSuggestionAction({ status: 'dismissed', supportAtDismissal: 10 }, 15, 1.5)).toBe('reopen');
  });
});

it('drafts a whole suggestion from a pattern, its template and the attribute counts', () => {
  const draft = draftSuggestion(pattern(), prToSlack, [seen('slack', 'message.posted', 'channel', '#reviews', 9)], 30);
  expect(draft).toEqual({
    templateId: 'github-pr-opened-to-slack',
    title: 'Post to Slack when a PR is opened',
    explanation: 'You opened a PR on GitHub and then posted in #reviews on Slack 14 times this week.',
    parameters: { channel: '#reviews' },
    estimatedMinutesSavedPerWeek: 28,
  });
});
