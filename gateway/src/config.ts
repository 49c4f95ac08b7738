import { z } from 'zod';
import { listenShape, loadConfig } from '@flowgraph/kernel';
import { defaultSubgraphUrls, type SubgraphName } from './subgraphs';
import { supergraphPath } from './supergraph/paths';

const gatewayShape = {
  ...listenShape(4000),
  CORE_URL: z.string().url().default(defaultSubgraphUrls.core),
  WORKFLOW_URL: z.string().url().default(defaultSubgraphUrls.workflow),
  INTEGRATION_URL: z.string().url().default(defaultSubgraphUrls.integration),
  ANALYTICS_URL: z.string().url().default(defaultSubgraphUrls.analytics),
  /** Where Core's internal endpoints live. Default: the origin of CORE_URL. */
  CORE_ORIGIN: z.string().url().optional(),
  /**
   * Largest request body. Default 17mb: `ingestEvents` accepts 1,000 events of up to 16 KiB each.
   */
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('17mb'),
  /**
   * Express `trust proxy`: how many proxy hops to trust for the client IP (X-Forwarded-For).
   * Default 0: the socket address, right when clients connect directly.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The composed supergraph to serve. Default: gateway/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().optional(),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Settings of the gateway process: the kernel's shared ones plus subgraph locations. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewayShape, env);
  const subgraphUrls: Record<SubgraphName, string> = {
    core: config.CORE_URL,
    workflow: config.WORKFLOW_URL,
    integration: config.INTEGRATION_URL,
    analytics: config.ANALYTICS_URL,
  };
  return {
    ...config,
    subgraphUrls,
    coreOrigin: config.CORE_ORIGIN ?? new URL(config.CORE_URL).origin,
    supergraphPath: config.SUPERGRAPH_PATH ?? supergraphPath(),
  };
}
