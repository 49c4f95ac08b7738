import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { buildOperationContext } from '@apollo/gateway';
import { ErrorCode } from '@flowgraph/kernel';

/** The service name of the fetch that stands for the subscription's event in a per-event plan. */
export const EVENT_SERVICE = '__subscription_event__';

type OperationContext = ReturnType<typeof buildOperationContext>;

export interface PlannedSubscription {
  document: DocumentNode;
  operationName?: string;
  operationContext: OperationContext;
  /** The subscription sent to the subgraph that owns the root field. */
  primary: FetchNode;
  /** Run for each event: the event itself (a fetch from `EVENT_SERVICE`), then the rest of the plan. */
  eventPlan: QueryPlan;
}

export interface SubscriptionPlannerOptions {
  /** Plans kept, by document text and operation name; the least recently used goes first. Default: 500. */
  maxCachedPlans?: number;
  /** Validation rules beside graphql-js's own (the gateway's depth/alias/directive limits). Default: none. */
  validationRules?: readonly ValidationRule[];
  /** Parse options (the gateway's token limit). Default: none. */
  parseOptions?: ParseOptions;
}

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.VALIDATION_ERROR } });

/**
 * Plans subscriptions over the supergraph the gateway serves, with Apollo's own query planner:
 * the subgraph that owns the root field gets the subscription (`primary`), and each event is then
 * completed with the fields other subgraphs own (`rest`) by the gateway's `executeQueryPlan`.
 */
export class SubscriptionPlanner {
  readonly apiSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly api: Schema;
  private readonly planner: QueryPlanner;
  private readonly cache = new Map<string, PlannedSubscription>();
  private readonly maxCachedPlans: number;
  private readonly rules: readonly ValidationRule[];
  private readonly parseOptions?: ParseOptions;

  constructor(supergraphSdl: string, options: SubscriptionPlannerOptions = {}) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.api = supergraph.apiSchema();
    this.apiSchema = this.api.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    this.maxCachedPlans = options.maxCachedPlans ?? 500;
    this.rules = [...specifiedRules, ...(options.validationRules ?? [])];
    this.parseOptions = options.parseOptions;
  }

  /** A plan, or the errors that make the request invalid (code VALIDATION_ERROR). */
  plan(query: string, operationName?: string): PlannedSubscription | GraphQLError[] {
    const key = `${operationName ?? ''}\u0000${query}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Re-insert: Map order is the recency order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const planned = this.build(query, operationName);
    if (Array.isArray(planned)) return planned;
    if (this.cache.size >= this.maxCachedPlans) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, planned);
    return planned;
  }

  private build(query: string, operationName?: string): PlannedSubscription | GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query, this.parseOptions);
    } catch (error) {
      return [invalid((error as Error).message)];
    }
    const errors = validate(this.apiSchema, document, this.rules);
    // Errors that already carry a catalog code (the limits: `limit`, `max`, `found`) keep their extensions.
    if (errors.length > 0) return errors.map((error) => (error.extensions.code ? error : invalid(error.message)));
    const operation = getOperationAST(document, operationName);
    if (!operation) return [invalid('Unable to identify the operation to run')];
    if (operation.operation !== 'subscription') {
      return [invalid('Only subscriptions are served here; send queries and mutations to POST /graphql')];
    }
    const plan = this.planner.buildQueryPlan(operationFromDocument(this.api, document, { operationName }));
    if (plan.node?.kind !== 'Subscription') return [invalid('This subscription cannot be planned')];
    const { primary, rest } = plan.node;
    const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SERVICE };
    const node: PlanNode = rest ? { kind: 'Sequence', nodes: [eventFetch, rest] } : eventFetch;
    return {
      document,
      operationName,
      operationContext: buildOperationContext({ schema: this.apiSchema, operationDocument: document, operationName }),
      primary,
      eventPlan: { kind: 'QueryPlan', node },
    };
  }
}
