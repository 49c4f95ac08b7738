import type { SuggestionOfferFragment } from '../../src/generated/graphql';

export function suggestion(id: string, offeredAt: string, overrides: Partial<SuggestionOfferFragment> = {}): SuggestionOfferFragment {
  return {
    id,
    title: `Suggestion ${id}`,
    explanation: `Because of ${id}`,
    estimatedMinutesSavedPerWeek: 12,
    offeredAt,
    parameters: { channel: '#reviews' },
    template: {
      id: 'github-pr-opened-to-slack',
      name: 'Post to Slack when a PR is opened',
      connectors: ['github', 'slack'],
      triggerKind: 'EVENT',
      parameterSpecs: [
        { name: 'channel', type: 'STRING', required: true, default: null, description: 'Slack channel, e.g. #reviews' },
        { name: 'docsUrl', type: 'URL', required: false, default: null, description: 'A page to link' },
      ],
    },
    ...overrides,
  };
}
