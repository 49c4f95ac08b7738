export { startGateway, type GatewayDeps, type RunningGateway } from './server';
export { loadGatewayConfig, type GatewayConfig } from './config';
export { composeSupergraph, readSubgraphSources, type CompositionOutcome, type SubgraphSource } from './supergraph/compose-supergraph';
export { subgraphNames, defaultSubgraphUrls, type SubgraphName } from './subgraphs';
