/**
 * The subgraphs the gateway composes, in composition order, with their local default URLs.
 * Names are the supergraph's `join__Graph` names; `buildService` maps them to configured URLs.
 */
export const subgraphNames = ['core', 'workflow', 'integration', 'analytics'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export const defaultSubgraphUrls: Record<SubgraphName, string> = {
  core: 'http://127.0.0.1:4001/graphql',
  workflow: 'http://127.0.0.1:4002/graphql',
  integration: 'http://127.0.0.1:4003/graphql',
  analytics: 'http://127.0.0.1:4004/graphql',
};
