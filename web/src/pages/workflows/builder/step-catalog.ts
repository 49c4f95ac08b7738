import type { BuilderConnectorsQuery } from '../../../generated/graphql';
import { CONNECTOR_ACTION, type StepDefinition } from './definition';
import type { JsonSchema } from './json-schema';

/**
 * The step types and their config schemas, as JSON Schema. The graph does not publish the
 * built-in types' configs, so these restate subgraphs/workflow's definition.ts (docs/workflows.md,
 * Step types); connector actions come from `Query.connectors` with their own input schemas.
 */
const MAX_DELAY_MS = 30 * 24 * 60 * 60 * 1000;
const expression: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 4000,
  description: 'A JSONata expression over input and steps.<id>.output',
};

export const STEP_CONFIG_SCHEMAS: Record<string, JsonSchema> = {
  http_request: {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', minLength: 1, maxLength: 2048, description: 'A URL, or an expression in {{ }}' },
      method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'], default: 'GET' },
      headers: { type: 'object', description: 'Header names to string values, as JSON' },
      body: { description: 'Any JSON value, or an expression in {{ }}' },
    },
  },
  transform: { type: 'object', required: ['expression'], properties: { expression } },
  condition: { type: 'object', required: ['expression'], properties: { expression } },
  delay: {
    type: 'object',
    required: ['ms'],
    properties: { ms: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS, description: 'Milliseconds to wait, up to 30 days' } },
  },
  connector_action: {
    type: 'object',
    required: ['connector', 'action'],
    properties: {
      connector: { type: 'string', enum: ['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http'] },
      action: { type: 'string', minLength: 1, maxLength: 100 },
      input: { type: 'object', description: 'The action input, as JSON' },
      integrationId: { type: 'string', format: 'uuid', description: 'A specific connection; by default the latest one' },
    },
  },
  notify: {
    type: 'object',
    required: ['message'],
    properties: {
      message: { type: 'string', minLength: 1, maxLength: 4000 },
      eventType: { type: 'string', minLength: 1, maxLength: 100, default: 'workflow.notification' },
    },
  },
};

const BUILT_IN_LABELS: Record<string, string> = {
  http_request: 'HTTP request',
  transform: 'Transform',
  condition: 'Condition',
  delay: 'Delay',
  notify: 'Notify',
};

/** One thing the palette offers: a built-in step type, or one action of a connector. */
export interface PaletteEntry {
  key: string;
  label: string;
  /** The palette's heading it is listed under. */
  group: string;
  description?: string;
  /** The step it adds (its id chosen when placed). */
  template: Omit<StepDefinition, 'id'>;
}

export type ConnectorCatalog = BuilderConnectorsQuery['connectors'];

export function paletteEntries(connectors: ConnectorCatalog): PaletteEntry[] {
  const builtIns = Object.entries(BUILT_IN_LABELS).map(([type, label]) => ({
    key: type,
    label,
    group: 'Steps',
    template: { type, config: defaultsOf(STEP_CONFIG_SCHEMAS[type]!) },
  }));
  const actions = connectors.flatMap((connector) =>
    connector.actions.map((action) => {
      const id = connector.id.toLowerCase();
      return {
        key: `${id}.${action.name}`,
        label: `${connector.displayName}: ${action.name}`,
        group: connector.displayName,
        description: action.description,
        template: { type: CONNECTOR_ACTION, config: { connector: id, action: action.name, input: {} } },
      };
    }),
  );
  return [...builtIns, ...actions];
}

/** What a step is called in the palette and on the canvas. */
export function stepLabel(step: Pick<StepDefinition, 'type' | 'config'>, connectors: ConnectorCatalog): string {
  if (step.type !== CONNECTOR_ACTION) return BUILT_IN_LABELS[step.type] ?? step.type;
  const connector = connectors.find((c) => c.id.toLowerCase() === step.config.connector);
  return `${connector?.displayName ?? String(step.config.connector)}: ${String(step.config.action)}`;
}

/** The JSON Schema of a connector step's `input`, when the catalog knows its action. */
export function actionInputSchema(step: StepDefinition, connectors: ConnectorCatalog): JsonSchema | undefined {
  const connector = connectors.find((c) => c.id.toLowerCase() === step.config.connector);
  return connector?.actions.find((a) => a.name === step.config.action)?.inputSchema as JsonSchema | undefined;
}

function defaultsOf(schema: JsonSchema): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    if (property.default !== undefined) values[name] = property.default;
  return values;
}
