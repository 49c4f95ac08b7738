import { z } from 'zod';
import { requireRole } from '@flowgraph/kernel';
import type { ConnectorAuthKind, IntegrationProvider, Resolvers } from '../../generated/graphql';
import type { Connector } from './connector';
import { connectorOf, connectorRegistry } from './registry';

/** The catalog as the API shows it: built once, since connectors are code. */
function connectorView(connector: Connector) {
  return {
    id: connector.id.toUpperCase() as IntegrationProvider,
    displayName: connector.displayName,
    authKind: connector.auth.kind.toUpperCase() as ConnectorAuthKind,
    scopes: connector.auth.kind === 'oauth2' ? connector.auth.scopes : [],
    credentialFields: connector.auth.kind === 'api_key' ? connector.auth.fieldNames : [],
    actions: Object.entries(connector.actions).map(([name, action]) => ({
      name,
      description: action.description,
      idempotent: action.idempotent,
      inputSchema: z.toJSONSchema(action.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      outputSchema: z.toJSONSchema(action.output, { unrepresentable: 'any' }) as Record<string, unknown>,
    })),
    // `any`: a generic sender names its own types, so there is no list to show.
    webhookEventTypes: Array.isArray(connector.webhooks?.eventTypes) ? [...connector.webhooks.eventTypes] : [],
    rateLimit: connector.rateLimit,
  };
}

const catalog = new Map([...connectorRegistry.values()].map((c) => [c.id, connectorView(c)]));

export const connectorResolvers: Resolvers = {
  Query: {
    connectors: (_parent, _args, ctx) => {
      requireRole(ctx.identity, 'viewer', 'integrations:read');
      return [...catalog.values()];
    },
  },
  Integration: {
    connector: (integration) => catalog.get(connectorOf(integration.provider)!.id)!,
  },
};
