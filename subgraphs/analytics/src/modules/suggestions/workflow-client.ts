import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AppError,
  ErrorCode,
  InternalCallError,
  internalClient,
  type FieldError,
  type Identity,
  type InternalClient,
} from '@flowgraph/kernel';
import type { CatalogTemplate } from './catalog-template';

export interface WorkflowClientOptions {
  /** The Workflow subgraph's origin, e.g. http://127.0.0.1:4002 (WORKFLOW_ORIGIN). */
  origin: string;
  /** The gateway's identity signing key (IDENTITY_SECRET): Workflow verifies it like any request. */
  identitySecret: string;
  /** How long the template catalog is kept in memory. Default: 5 minutes (it changes only with a deploy). */
  catalogTtlMs?: number;
  /** Longest wait for an answer. Default: 10 s. */
  timeoutMs?: number;
}

/** The Workflow subgraph could not be asked, or answered something other than GraphQL (masked as INTERNAL). */
export class WorkflowUnavailableError extends Error {
  override readonly name = 'WorkflowUnavailableError';
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; details?: FieldError[]; retryAfter?: number; request_id?: string } }[];
}

// Any JSON object: what it holds is read below, as GraphQL answers it.
const graphQLAnswer = z.custom<GraphQLAnswer<unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));

type CatalogAnswer = Omit<CatalogTemplate, 'parameters'> & { parameterSpecs: { name: string }[] };

const CATALOG_QUERY = `query SuggestionTemplateCatalog {
  workflowTemplates { id name description parameterSpecs { name } trigger { tool eventType } pattern { tool eventType } }
}`;

const CREATE_FROM_TEMPLATE = `mutation AcceptSuggestion($input: CreateWorkflowFromTemplateInput!) {
  createWorkflowFromTemplate(input: $input) { workflow { id } webhookSecret }
}`;

/** Codes the caller can act on (UNAVAILABLE: retry later); anything else from Workflow is our failure, not theirs. */
const PASSED_ON = new Set<string>([
  ErrorCode.FORBIDDEN,
  ErrorCode.VALIDATION_ERROR,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.RATE_LIMITED,
  ErrorCode.UNAVAILABLE,
]);

/**
 * The Workflow subgraph over GraphQL, signed like the gateway signs: its template catalog (read
 * with a `service` identity, kept in memory) and creating a workflow from a template for a
 * caller (with the caller's own identity, so Workflow applies its own permission rules).
 */
export class WorkflowClient {
  private catalog?: { expiresAt: number; templates: Promise<CatalogTemplate[]> };
  private readonly workflow: InternalClient;

  constructor(private readonly options: WorkflowClientOptions) {
    this.workflow = internalClient({
      name: 'Workflow',
      origin: options.origin,
      identitySecret: options.identitySecret,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  }

  /**
   * The template catalog. `scope` is whom the service identity acts for (Workflow only serves
   * members of an organization); the catalog is the same for everyone, so one copy is cached.
   */
  templates(scope: { orgId: string; userId: string }): Promise<CatalogTemplate[]> {
    const now = Date.now();
    if (this.catalog && this.catalog.expiresAt > now) return this.catalog.templates;
    const identity: Identity = {
      requestId: randomUUID(),
      orgId: scope.orgId,
      userId: scope.userId,
      role: 'viewer',
      scopes: [],
      authMethod: 'service',
    };
    const templates = this.call<{ workflowTemplates: CatalogAnswer[] }>(identity, CATALOG_QUERY, {}).then((data) =>
      data.workflowTemplates.map(({ parameterSpecs, ...template }) => ({ ...template, parameters: parameterSpecs.map((p) => p.name) })),
    );
    const entry = { expiresAt: now + (this.options.catalogTtlMs ?? 5 * 60_000), templates };
    this.catalog = entry;
    // A failed fetch is not kept: the next call asks again.
    templates.catch(() => {
      if (this.catalog === entry) this.catalog = undefined;
    });
    return templates;
  }

  /**
   * Creates a workflow with its template's trigger as `caller`: inactive and unpublished, or
   * published and active with `activate`. Workflow's refusals come back as the same AppError
   * (FORBIDDEN for a non-admin, VALIDATION_ERROR with the same details for missing parameters…).
   * With `idempotencyKey`, a repeat returns the workflow the first call created (webhookSecret
   * null) and creates nothing; the same key for another template or other parameters is CONFLICT.
   */
  async createWorkflowFromTemplate(
    caller: Identity,
    input: { templateId: string; name: string; parameters: Record<string, unknown>; activate?: boolean; idempotencyKey?: string },
  ): Promise<{ workflow: { id: string }; webhookSecret: string | null }> {
    const data = await this.call<{ createWorkflowFromTemplate: { workflow: { id: string }; webhookSecret: string | null } }>(
      caller,
      CREATE_FROM_TEMPLATE,
      { input },
    );
    return data.createWorkflowFromTemplate;
  }

  private async call<T>(identity: Identity, query: string, variables: Record<string, unknown>): Promise<T> {
    const url = `${this.options.origin}/graphql`;
    let body: GraphQLAnswer<T>;
    try {
      // Every status but 401 carries a GraphQL answer (errors included) to read below.
      const answer = await this.workflow.call({
        method: 'POST',
        path: '/graphql',
        body: { query, variables },
        identity,
        response: graphQLAnswer,
        acceptStatus: (status) => status !== 401,
      });
      body = answer as GraphQLAnswer<T>;
    } catch (error) {
      if (error instanceof InternalCallError && error.status === 401) {
        throw new WorkflowUnavailableError(`Workflow subgraph at ${url} refused our signed identity (is IDENTITY_SECRET the same?)`);
      }
      throw new WorkflowUnavailableError(`Workflow subgraph at ${url} did not answer: ${(error as Error).message}`, { cause: error });
    }
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? '';
      if (PASSED_ON.has(code)) {
        throw new AppError(code as ErrorCode, first.message, {
          details: first.extensions?.details,
          retryAfter: first.extensions?.retryAfter,
        });
      }
      throw new Error(
        `Workflow subgraph failed: ${first.message} (code ${code || 'none'}, request ${first.extensions?.request_id ?? 'unknown'})`,
      );
    }
    if (!body.data) throw new WorkflowUnavailableError(`Workflow subgraph at ${url} answered without data`);
    return body.data;
  }
}
