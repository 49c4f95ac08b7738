import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode, type Identity } from '@flowgraph/kernel';
import type { GatewayContext } from '../../context';
import type { Credentials } from '../authentication/credentials';

export interface PolicyConsentOptions {
  /** The composed supergraph: root fields carrying `directiveName` stay open to callers who have not accepted. Required. */
  supergraphSdl: string;
  /** The directive that marks those fields. Default `allowedBeforeConsent` (declared in Core's schema). */
  directiveName?: string;
}

/** An identity as the gateway's authentication leaves it: `consentRequired` from `jwtAuthenticator`. */
type ConsentIdentity = Identity & Pick<Credentials, 'consentRequired'>;

/** `Type.field` of every field definition marked with the directive. */
function markedFields(supergraphSdl: string, directiveName: string): Set<string> {
  const marked = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      if (field.directives?.some((d) => d.name.value === directiveName)) marked.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return marked;
}

const rootTypes = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** The root field names an operation selects, through inline fragments and fragment spreads. */
function rootFieldNames(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(document, selection.selectionSet, seen);
    const name = selection.name.value;
    if (seen.has(name)) return [];
    seen.add(name);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFieldNames(document, fragment.selectionSet, seen) : [];
  });
}

const consentRequired = () =>
  new GraphQLError('Accept the current privacy policy and terms of service to continue (acceptPolicies)', {
    extensions: { code: ErrorCode.CONSENT_REQUIRED, http: { status: 403 } },
  });

/**
 * While a signed-in person's access token does not carry the policy versions in force
 * (`jwtAuthenticator` marks the identity `consentRequired`), every operation of theirs answers
 * CONSENT_REQUIRED (HTTP 403) before any subgraph is called, except one that selects only root
 * fields marked `@allowedBeforeConsent` (accept, read the versions, sign out, data rights) and
 * meta fields (`__typename`, introspection). The check costs nothing per request beyond reading
 * the operation: the token says what was accepted (decision 0031). API keys and anonymous
 * callers are never marked.
 */
export function policyConsent(options: PolicyConsentOptions) {
  const allowed = markedFields(options.supergraphSdl, options.directiveName ?? 'allowedBeforeConsent');

  /** The refusal for this caller's operation, or undefined when it may run. */
  const refusal = (identity: Identity, document: DocumentNode, operation: OperationDefinitionNode): GraphQLError | undefined => {
    if (!(identity as ConsentIdentity).consentRequired) return undefined;
    const root = rootTypes[operation.operation];
    const open = rootFieldNames(document, operation.selectionSet).every((name) => name.startsWith('__') || allowed.has(`${root}.${name}`));
    return open ? undefined : consentRequired();
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      if (!(contextValue.identity as ConsentIdentity).consentRequired) return;
      return {
        async didResolveOperation({ document, operation }) {
          const refused = operation ? refusal(contextValue.identity, document, operation) : undefined;
          if (refused) throw refused;
        },
      };
    },
  };

  /**
   * For subscriptions (graphql-ws and SSE): the refusal of a request's operation, if any. A
   * document that does not parse is left to the subscription planner, which reports it.
   */
  const subscriptionRefusal = (identity: Identity, query: string, operationName?: string | null): GraphQLError | undefined => {
    if (!(identity as ConsentIdentity).consentRequired) return undefined;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return undefined;
    }
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    return operation ? refusal(identity, document, operation) : consentRequired();
  };

  return { plugin, subscriptionRefusal };
}
