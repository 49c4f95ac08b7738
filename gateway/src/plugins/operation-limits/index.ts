import type { NextFunction, Request, Response } from 'express';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ErrorCode } from '@flowgraph/kernel';
import type { GatewayMetrics } from '../../metrics';
import { costDirectivesFromSupergraph, operationCost, type CostDirectives, type CostOptions } from './cost';

export interface OperationLimitOptions {
  /** Deepest nesting of fields (fragments count as their fields). Default 12; 0 disables. */
  maxDepth?: number;
  /** Aliased fields in one operation (`__typename` aliases are free). Default 30; 0 disables. */
  maxAliases?: number;
  /** Directives used in one operation. Default 50; 0 disables. */
  maxDirectives?: number;
  /** Lexical tokens in one document (checked while parsing, before anything else). Default 2 000; 0 disables. */
  maxTokens?: number;
  /** Static cost of one operation (see `operationCost`). Default 5 000; 0 disables. */
  maxCost?: number;
  /** Operations in one batched HTTP request; 1 turns batching off. Default 10. */
  maxBatch?: number;
  /** The supergraph SDL: its `@cost` and `@listSize` directives weigh fields. Default: no weights. */
  supergraphSdl?: string;
  /** Default weights and list size of the cost calculation. */
  cost?: CostOptions;
  /** Where refusals are counted (`operationRejections`, by reason). Required. */
  metrics: Pick<GatewayMetrics, 'operationRejections'>;
}

export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'batch';

const DESCRIPTIONS: Record<LimitName, string> = {
  depth: 'Query depth',
  aliases: 'Alias',
  directives: 'Directive',
  tokens: 'Token',
  cost: 'Query cost',
  batch: 'Batch size',
};

/** The error shape of every refusal: VALIDATION_ERROR naming the limit, its maximum and what was found. */
function limitExtensions(limit: LimitName, max: number, found?: number) {
  return { code: ErrorCode.VALIDATION_ERROR, limit, max, ...(found !== undefined ? { found } : {}) };
}

function limitMessage(limit: LimitName, max: number, found?: number): string {
  return `${DESCRIPTIONS[limit]} limit exceeded: ${found !== undefined ? `found ${found}, ` : ''}the limit is ${max}`;
}

// graphql-js 16 writes "more that"; accept the corrected spelling too.
const TOKEN_ERROR = /Document contains more tha[nt] \d+ tokens/;

/**
 * Operation limits. Depth, aliases and directives are graphql-armor's validation rules (run once
 * per distinct document: Apollo caches validated documents); tokens use graphql-js's own
 * `maxTokens` parse option (one parse, a 400 on excess); the cost is computed per request when
 * the operation declares variables (they change list sizes), else once per parsed document; the
 * batch cap is an express middleware after body parsing.
 * Every refusal is HTTP 400 `VALIDATION_ERROR` with `limit`, `max`, `found`, and is counted.
 */
export function operationLimits(options: OperationLimitOptions) {
  const max: Record<LimitName, number> = {
    depth: options.maxDepth ?? 12,
    aliases: options.maxAliases ?? 30,
    directives: options.maxDirectives ?? 50,
    tokens: options.maxTokens ?? 2000,
    cost: options.maxCost ?? 5000,
    batch: Math.max(1, options.maxBatch ?? 10),
  };
  const costDirectives: CostDirectives = options.supergraphSdl
    ? costDirectivesFromSupergraph(options.supergraphSdl)
    : { weights: new Map(), listSizes: new Map() };
  const reject = (limit: LimitName) => options.metrics.operationRejections.inc({ reason: limit });
  // Costs of operations that declare no variables: those depend on the document alone, and Apollo
  // hands a repeated query its cached parsed document, so each is computed once.
  const fixedCosts = new WeakMap<OperationDefinitionNode, number>();
  function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) {
    const fixed = !operation.variableDefinitions?.length;
    const known = fixed ? fixedCosts.get(operation) : undefined;
    if (known !== undefined) return known;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const cost = operationCost(schema, operation, fragments, variables, costDirectives, options.cost);
    if (fixed) fixedCosts.set(operation, cost);
    return cost;
  }

  // graphql-armor reports "… limit of N exceeded, found M."; we report our own shape instead.
  const armored = (limit: 'depth' | 'aliases' | 'directives') => (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1]);
    reject(limit);
    context?.reportError(
      new GraphQLError(limitMessage(limit, max[limit], found), { extensions: limitExtensions(limit, max[limit], found) }),
    );
  };
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  const validationRules: ValidationRule[] = [];
  if (max.depth > 0) validationRules.push(maxDepthRule({ ...common, n: max.depth, onReject: [armored('depth')] }));
  if (max.aliases > 0) validationRules.push(maxAliasesRule({ ...common, n: max.aliases, onReject: [armored('aliases')] }));
  if (max.directives > 0) validationRules.push(maxDirectivesRule({ ...common, n: max.directives, onReject: [armored('directives')] }));

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (max.cost <= 0 || !operation) return;
          const cost = costOf(schema, document, operation, request.variables ?? {});
          if (cost <= max.cost) return;
          reject('cost');
          throw new GraphQLError(limitMessage('cost', max.cost, cost), {
            extensions: { ...limitExtensions('cost', max.cost, cost), http: { status: 400 } },
          });
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const extensions = error.extensions as Record<string, unknown>;
            // Apollo re-codes validation errors GRAPHQL_VALIDATION_FAILED: put ours back.
            if (typeof extensions.limit === 'string' && extensions.code !== ErrorCode.VALIDATION_ERROR)
              extensions.code = ErrorCode.VALIDATION_ERROR;
            if (max.tokens > 0 && TOKEN_ERROR.test(error.message)) {
              reject('tokens');
              error.message = limitMessage('tokens', max.tokens);
              Object.assign(extensions, limitExtensions('tokens', max.tokens));
            }
          }
        },
      };
    },
  };

  /** Refuses a batched request (a JSON array) of more than `maxBatch` operations. Mount after `express.json`. */
  const batchCap = (req: Request, res: Response, next: NextFunction): void => {
    if (!Array.isArray(req.body) || req.body.length <= max.batch) return next();
    reject('batch');
    const found = req.body.length as number;
    const message =
      max.batch === 1 ? 'Batched requests are not accepted: send one operation per request' : limitMessage('batch', max.batch, found);
    res.status(400).json({
      errors: [{ message, extensions: { ...limitExtensions('batch', max.batch, found), request_id: res.locals.requestId as string } }],
    });
  };

  return {
    validationRules,
    parseOptions: max.tokens > 0 ? { maxTokens: max.tokens } : {},
    allowBatchedHttpRequests: max.batch > 1,
    plugin,
    batchCap,
  };
}
