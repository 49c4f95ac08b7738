import type { EntityManager } from '@mikro-orm/postgresql';
import {
  hasRole,
  paginate,
  requireRole,
  timeIdPosition,
  type Connection,
  type Identity,
  type MemberIdentity,
  type PageArgs,
} from '@flowgraph/kernel';
import { PatternEntity } from '../patterns/pattern.entity';
import type { SuggestionFeed, SuggestionAddedMessage } from './suggestion-feed';
import type { Suggestion, SuggestionStatus } from './suggestion.entity';
import { notYourSuggestion, suggestionAlreadyAccepted, suggestionNotFound } from './suggestion.errors';
import type { SuggestionLoaders } from './suggestion.loaders';
import type { SuggestionRepository } from './suggestion.repository';
import type { WorkflowClient } from './workflow-client';

export interface AcceptSuggestionInput {
  name?: string | null;
  parameters?: Record<string, unknown> | null;
  /** Publish and activate the created workflow too. */
  activate?: boolean | null;
}

/** The key Workflow creates an accepted suggestion's workflow under: one workflow per suggestion. */
export const suggestionIdempotencyKey = (suggestionId: string) => `suggestion:${suggestionId}`;

export interface SuggestionServiceDeps {
  /** Creates accepted suggestions' workflows; acceptSuggestion fails without it. */
  workflow?: Pick<WorkflowClient, 'createWorkflowFromTemplate'>;
  /** The live feed; suggestionAdded is not served without it. */
  feed?: SuggestionFeed;
}

/** Suggestion rules: who may accept or dismiss, accepting once, and the caller's live feed. */
export class SuggestionService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: SuggestionRepository,
    private readonly loaders: SuggestionLoaders,
    private readonly deps: SuggestionServiceDeps,
  ) {}

  /** Query.suggestion and Suggestion references: one suggestion, batched with the request's other lookups. */
  byId(identity: Identity, id: string): Promise<Suggestion | null> {
    requireRole(identity, 'viewer', 'suggestions:read');
    return this.loaders.byId.load(id);
  }

  /** Pattern.suggestion: the suggestion made of a pattern, if any. */
  forPattern(identity: Identity, patternId: string): Promise<Suggestion | null> {
    requireRole(identity, 'viewer', 'suggestions:read');
    return this.loaders.byPatternId.load(patternId);
  }

  /** User.suggestions: most recently offered first, of one status if given; the first page of every user in one query. */
  listForUser(identity: Identity, userId: string, status: SuggestionStatus | undefined, args: PageArgs): Promise<Connection<Suggestion>> {
    requireRole(identity, 'viewer', 'suggestions:read');
    return paginate(args, {
      order: 'suggestions:OFFERED_AT:DESC',
      keyOf: (suggestion) => [suggestion.offeredAt.toISOString(), suggestion.id],
      position: timeIdPosition,
      firstRows: (count) => this.loaders.firstPageByUser(count, status).load(userId),
      rowsAfter: (count, position) => this.repository.pageByUser(userId, count, position, status),
    });
  }

  /**
   * Creates the suggested workflow (with its template's trigger; published and active if asked)
   * through the Workflow subgraph, as the caller (Workflow requires the admin role and says so),
   * and marks the suggestion accepted. The row stays locked until the request commits, so a
   * concurrent accept waits and then returns the same workflow.
   *
   * The two are not one transaction, so Workflow is asked with the idempotency key
   * `suggestion:<id>`: if marking the suggestion is lost after Workflow created the workflow (the
   * flush fails, the request times out and is retried), accepting again gets the same workflow
   * back from Workflow (without its webhook secret) and marks it then; nothing is created twice.
   */
  async accept(
    identity: Identity,
    id: string,
    input: AcceptSuggestionInput = {},
  ): Promise<{ suggestion: Suggestion; workflow: { id: string }; webhookSecret: string | null }> {
    const caller = requireRole(identity, 'member', 'suggestions:write');
    const suggestion = await this.ownOrAdministered(caller, id);
    if (suggestion.status === 'accepted') return { suggestion, workflow: { id: suggestion.workflowId! }, webhookSecret: null };
    if (!this.deps.workflow) throw new Error('acceptSuggestion needs the Workflow client (SuggestionsModuleDeps.workflow)');
    const { workflow, webhookSecret } = await this.deps.workflow.createWorkflowFromTemplate(identity, {
      templateId: suggestion.templateId,
      name: input.name ?? suggestion.title,
      parameters: { ...suggestion.parameters, ...input.parameters },
      activate: input.activate ?? false,
      idempotencyKey: suggestionIdempotencyKey(suggestion.id),
    });
    suggestion.status = 'accepted';
    suggestion.acceptedAt = new Date();
    suggestion.workflowId = workflow.id;
    suggestion.updatedAt = new Date();
    await this.em.flush();
    return { suggestion, workflow, webhookSecret };
  }

  /** Hides the suggestion until its pattern grows by the resurface factor from its support now. */
  async dismiss(identity: Identity, id: string): Promise<Suggestion> {
    const caller = requireRole(identity, 'member', 'suggestions:write');
    const suggestion = await this.ownOrAdministered(caller, id);
    if (suggestion.status === 'accepted') throw suggestionAlreadyAccepted();
    if (suggestion.status === 'dismissed') return suggestion;
    const pattern = await this.em.findOne(PatternEntity, { id: suggestion.patternId });
    suggestion.status = 'dismissed';
    suggestion.dismissedAt = new Date();
    suggestion.supportAtDismissal = pattern?.support ?? suggestion.supportAtOffer;
    suggestion.updatedAt = new Date();
    await this.em.flush();
    return suggestion;
  }

  /** The caller's own feed of offered suggestions (new or reopened), in the caller's organization. */
  async added(identity: Identity): Promise<{ caller: MemberIdentity; messages: AsyncIterableIterator<SuggestionAddedMessage> }> {
    const caller = requireRole(identity, 'viewer', 'suggestions:read');
    if (!this.deps.feed) throw new Error('suggestionAdded needs the suggestion feed (SuggestionsModuleDeps.feed)');
    return { caller, messages: await this.deps.feed.subscribe(caller.orgId, caller.userId) };
  }

  /** The suggestion a `suggestionAdded` message announces (the subscription checked the caller). */
  async addedSuggestion(message: SuggestionAddedMessage): Promise<Suggestion> {
    const suggestion = await this.loaders.byId.load(message.suggestionId);
    if (!suggestion) throw suggestionNotFound();
    return suggestion;
  }

  /** Locked for the rest of the request; row-level security hides other organizations' (NOT_FOUND). */
  private async ownOrAdministered(caller: MemberIdentity, id: string): Promise<Suggestion> {
    const suggestion = await this.repository.findForUpdate(id);
    if (!suggestion) throw suggestionNotFound();
    if (suggestion.userId !== caller.userId && !hasRole(caller, 'admin')) throw notYourSuggestion();
    return suggestion;
  }
}
