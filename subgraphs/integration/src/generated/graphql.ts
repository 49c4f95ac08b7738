import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Integration as IntegrationModel } from '../modules/integrations/integration.entity';
import type { IntegrationContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC. */
  DateTime: { input: Date | string; output: Date | string; }
  /** A JSON object. */
  JSONObject: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A connection to one of the caller's tools. */
export type ConnectIntegrationInput = {
  /** For API_KEY connectors only: the values of its credentialFields. */
  credentials?: InputMaybe<Array<CredentialInput>>;
  /** The name to show for the connection, 1 to 100 characters. */
  displayName: Scalars['String']['input'];
  /** The tool to connect. */
  provider: IntegrationProvider;
};

/** What connectIntegration returns. */
export type ConnectIntegrationPayload = {
  __typename?: 'ConnectIntegrationPayload';
  /** For OAUTH2 connectors: where the admin's browser goes to consent (once, within 10 minutes); it comes back to the web app. */
  authorizationUrl?: Maybe<Scalars['String']['output']>;
  /** The new integration, owned by the caller: PENDING until an OAUTH2 consent completes, else CONNECTED. */
  integration: Integration;
};

/** A service Flowgraph can act on. */
export type Connector = {
  __typename?: 'Connector';
  /** What a connector_action step can run with it. */
  actions: Array<ConnectorAction>;
  /** How a connection is authorized. */
  authKind: ConnectorAuthKind;
  /** For API_KEY connectors, the names of the credentials connectIntegration takes. */
  credentialFields: Array<Scalars['String']['output']>;
  /** The provider's name as shown. */
  displayName: Scalars['String']['output'];
  /** The connector's id, the provider it acts on. */
  id: IntegrationProvider;
  /** Each connected account's budget (CONNECTOR_<ID>_RATE_LIMIT can change it). */
  rateLimit: ConnectorRateLimit;
  /** The OAuth scopes asked for when connecting (empty for other kinds). */
  scopes: Array<Scalars['String']['output']>;
  /** Provider webhook event types recorded as Flowgraph events (POST /webhooks/<connector>/<integrationId>); empty when the sender names its own (HTTP) or the connector takes no webhooks. */
  webhookEventTypes: Array<Scalars['String']['output']>;
};

/** An action a workflow's connector_action step can run. */
export type ConnectorAction = {
  __typename?: 'ConnectorAction';
  /** What the action does, and which provider API it calls. */
  description: Scalars['String']['output'];
  /** Whether repeating it has the effect of running it once (a read, an overwrite); the others run once per step, whatever the retries. */
  idempotent: Scalars['Boolean']['output'];
  /** JSON Schema of the step config's `input`. */
  inputSchema: Scalars['JSONObject']['output'];
  /** The step config's `action`. */
  name: Scalars['String']['output'];
  /** JSON Schema of the step's output. */
  outputSchema: Scalars['JSONObject']['output'];
};

/** How a connector is authorized. */
export type ConnectorAuthKind =
  /** A secret an admin provides (connectIntegration's credentials), never shown again. */
  | 'API_KEY'
  /** Nothing to authorize. */
  | 'NONE'
  /** The authorization-code flow with PKCE: connectIntegration returns the provider's consent URL. */
  | 'OAUTH2';

/** How many calls one connected account may make, shared by every worker; more wait, they do not fail. */
export type ConnectorRateLimit = {
  __typename?: 'ConnectorRateLimit';
  /** The window's length, in seconds. */
  perSeconds: Scalars['Int']['output'];
  /** Calls allowed in any window of perSeconds. */
  requests: Scalars['Int']['output'];
};

/** One credential of an API_KEY connector (a name from Connector.credentialFields). */
export type CredentialInput = {
  /** The credential's name. */
  name: Scalars['String']['input'];
  /** Stored encrypted; never returned by the API. */
  value: Scalars['String']['input'];
};

/** What disconnectIntegration returns. */
export type DisconnectIntegrationPayload = {
  __typename?: 'DisconnectIntegrationPayload';
  /** The integration, DISCONNECTED: its OAuth grant revoked at the provider where it has revocation, its credentials removed. */
  integration: Integration;
};

/** A connection from a user of an organization to one of their tools. */
export type Integration = {
  __typename?: 'Integration';
  /** The connector that acts through it. */
  connector: Connector;
  /** When it was connected. */
  createdAt: Scalars['DateTime']['output'];
  /** When it was disconnected, if it was. */
  disconnectedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The name the user gave this connection. */
  displayName: Scalars['String']['output'];
  /** What the last health check found; null before the first (checks run every few minutes, or on testIntegration). */
  health?: Maybe<IntegrationHealthStatus>;
  /** When the last check ran. */
  healthCheckedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the last check was not healthy. */
  healthError?: Maybe<Scalars['String']['output']>;
  /** The latest checks, newest first; `first` is at most 20. */
  healthHistory: Array<IntegrationHealthCheck>;
  id: Scalars['ID']['output'];
  /** Whether events and workflow steps use this connection. */
  isActive: Scalars['Boolean']['output'];
  /** The user who connected it. */
  owner: User;
  /** The tool it connects to. */
  provider: IntegrationProvider;
  /** Where the connection is in its life; only CONNECTED integrations run actions. */
  status: IntegrationStatus;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A connection from a user of an organization to one of their tools. */
export type IntegrationHealthHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of integrations. */
export type IntegrationConnection = {
  __typename?: 'IntegrationConnection';
  edges: Array<IntegrationEdge>;
  pageInfo: PageInfo;
};

/** An integration in a page. */
export type IntegrationEdge = {
  __typename?: 'IntegrationEdge';
  cursor: Scalars['String']['output'];
  node: Integration;
};

/** One health check of an integration. */
export type IntegrationHealthCheck = {
  __typename?: 'IntegrationHealthCheck';
  /** When it ran. */
  checkedAt: Scalars['DateTime']['output'];
  /** How long the provider took to answer, when it answered. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** Why it was not healthy; never carries a credential. */
  error?: Maybe<Scalars['String']['output']>;
  /** What the check found. */
  status: IntegrationHealthStatus;
};

/** What the last health check of an integration found. */
export type IntegrationHealthStatus =
  /** The provider was slow, rate limited or briefly unreachable. */
  | 'DEGRADED'
  /** The integration is not connected, or has no credentials. */
  | 'DISCONNECTED'
  /** The credentials were refused, or the provider has been unreachable on several checks in a row. */
  | 'FAILING'
  /** The credentials work and the provider answered in time. */
  | 'HEALTHY';

/** A tool Flowgraph can connect to. */
export type IntegrationProvider =
  | 'DROPBOX'
  | 'GITHUB'
  | 'GITLAB'
  | 'GOOGLE_DRIVE'
  | 'HTTP'
  | 'S3'
  | 'SLACK'
  | 'TEAMS';

/** Where a connection is in its life. */
export type IntegrationStatus =
  /** Usable by workflow steps. */
  | 'CONNECTED'
  /** Its credentials were revoked and removed. */
  | 'DISCONNECTED'
  /** Waiting for the OAuth consent to complete. */
  | 'PENDING';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Connects a tool for the organization, owned by the caller. Requires the admin role. OAUTH2
   * connectors answer an authorizationUrl (the integration is PENDING until consent completes);
   * API_KEY connectors take their credentials here; the answer never echoes them.
   */
  connectIntegration: ConnectIntegrationPayload;
  /** Revokes and removes an integration's credentials; workflow steps using it then fail with INTEGRATION_NOT_CONNECTED. Requires the admin role. */
  disconnectIntegration: DisconnectIntegrationPayload;
  /** The integration's webhook URL and signing secret, the secret made at random the first time. Requires the admin role; audited. */
  revealIntegrationWebhook: RevealIntegrationWebhookPayload;
  /** Stores the signing secret a provider chose (Slack signs with its app's). Requires the admin role; never echoes it. */
  setIntegrationWebhookSecret: SetIntegrationWebhookSecretPayload;
  /** Checks an integration against its provider now (token valid, API reachable) and records the result. Requires the admin role. */
  testIntegration: TestIntegrationPayload;
  /** Replaces an API_KEY integration's credentials. Requires the admin role; never echoes them. */
  updateIntegrationCredentials: UpdateIntegrationCredentialsPayload;
};


export type MutationConnectIntegrationArgs = {
  input: ConnectIntegrationInput;
};


export type MutationDisconnectIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevealIntegrationWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetIntegrationWebhookSecretArgs = {
  input: SetIntegrationWebhookSecretInput;
};


export type MutationTestIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateIntegrationCredentialsArgs = {
  input: UpdateIntegrationCredentialsInput;
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Every connector, with its actions, scopes and input schemas. */
  connectors: Array<Connector>;
  /** An integration of the caller's organization. */
  integration?: Maybe<Integration>;
  /** The organization's integrations, newest first; `first` is at most 100. */
  integrations: IntegrationConnection;
};


export type QueryIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIntegrationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  connector?: InputMaybe<IntegrationProvider>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<IntegrationStatus>;
};

/** Where and how a provider sends an integration's deliveries: what revealIntegrationWebhook returns. */
export type RevealIntegrationWebhookPayload = {
  __typename?: 'RevealIntegrationWebhookPayload';
  /** The integration whose deliveries it verifies. */
  integration: Integration;
  /** The signing secret to configure there (GitHub's secret, GitLab's token, the generic HMAC key). */
  secret: Scalars['String']['output'];
  /** The URL to configure at the provider (the gateway's POST /webhooks/<connector>/<integrationId>). */
  url: Scalars['String']['output'];
};

/** A signing secret the provider chose. */
export type SetIntegrationWebhookSecretInput = {
  id: Scalars['ID']['input'];
  /** Slack's app signing secret, for example; 16 to 200 characters, stored encrypted, never shown again. */
  secret: Scalars['String']['input'];
};

/** What setIntegrationWebhookSecret returns. */
export type SetIntegrationWebhookSecretPayload = {
  __typename?: 'SetIntegrationWebhookSecretPayload';
  /** The integration whose deliveries the secret verifies. */
  integration: Integration;
  /** The URL to configure at the provider. */
  url: Scalars['String']['output'];
};

/** What testIntegration returns. */
export type TestIntegrationPayload = {
  __typename?: 'TestIntegrationPayload';
  /** The check that just ran. */
  check: IntegrationHealthCheck;
  /** The integration, with its health updated. */
  integration: Integration;
};

/** New credentials for an API_KEY integration (a key rotated at the provider). */
export type UpdateIntegrationCredentialsInput = {
  /** All of the connector's credentials, as connectIntegration takes them. */
  credentials: Array<CredentialInput>;
  id: Scalars['ID']['input'];
};

/** What updateIntegrationCredentials returns. */
export type UpdateIntegrationCredentialsPayload = {
  __typename?: 'UpdateIntegrationCredentialsPayload';
  /** The integration, with its new credentials (never shown). */
  integration: Integration;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** This user's integrations in the caller's organization: active first, then newest first; at most 100. */
  integrations: Array<Integration>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Integration: Integration;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Integration:
    ( { __typename: 'Integration' }
    & GraphQLRecursivePick<FederationTypes['Integration'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ConnectIntegrationInput: ConnectIntegrationInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ConnectIntegrationPayload: ResolverTypeWrapper<Omit<ConnectIntegrationPayload, 'integration'> & { integration: ResolversTypes['Integration'] }>;
  Connector: ResolverTypeWrapper<Connector>;
  ConnectorAction: ResolverTypeWrapper<ConnectorAction>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConnectorAuthKind: ConnectorAuthKind;
  ConnectorRateLimit: ResolverTypeWrapper<ConnectorRateLimit>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CredentialInput: CredentialInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DisconnectIntegrationPayload: ResolverTypeWrapper<Omit<DisconnectIntegrationPayload, 'integration'> & { integration: ResolversTypes['Integration'] }>;
  Integration: ResolverTypeWrapper<IntegrationModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IntegrationConnection: ResolverTypeWrapper<Omit<IntegrationConnection, 'edges'> & { edges: Array<ResolversTypes['IntegrationEdge']> }>;
  IntegrationEdge: ResolverTypeWrapper<Omit<IntegrationEdge, 'node'> & { node: ResolversTypes['Integration'] }>;
  IntegrationHealthCheck: ResolverTypeWrapper<IntegrationHealthCheck>;
  IntegrationHealthStatus: IntegrationHealthStatus;
  IntegrationProvider: IntegrationProvider;
  IntegrationStatus: IntegrationStatus;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RevealIntegrationWebhookPayload: ResolverTypeWrapper<Omit<RevealIntegrationWebhookPayload, 'integration'> & { integration: ResolversTypes['Integration'] }>;
  SetIntegrationWebhookSecretInput: SetIntegrationWebhookSecretInput;
  SetIntegrationWebhookSecretPayload: ResolverTypeWrapper<Omit<SetIntegrationWebhookSecretPayload, 'integration'> & { integration: ResolversTypes['Integration'] }>;
  TestIntegrationPayload: ResolverTypeWrapper<Omit<TestIntegrationPayload, 'integration'> & { integration: ResolversTypes['Integration'] }>;
  UpdateIntegrationCredentialsInput: UpdateIntegrationCredentialsInput;
  UpdateIntegrationCredentialsPayload: ResolverTypeWrapper<Omit<UpdateIntegrationCredentialsPayload, 'integration'> & { integration: ResolversTypes['Integration'] }>;
  User: ResolverTypeWrapper<{ id: string }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ConnectIntegrationInput: ConnectIntegrationInput;
  String: Scalars['String']['output'];
  ConnectIntegrationPayload: Omit<ConnectIntegrationPayload, 'integration'> & { integration: ResolversParentTypes['Integration'] };
  Connector: Connector;
  ConnectorAction: ConnectorAction;
  Boolean: Scalars['Boolean']['output'];
  ConnectorRateLimit: ConnectorRateLimit;
  Int: Scalars['Int']['output'];
  CredentialInput: CredentialInput;
  DateTime: Scalars['DateTime']['output'];
  DisconnectIntegrationPayload: Omit<DisconnectIntegrationPayload, 'integration'> & { integration: ResolversParentTypes['Integration'] };
  Integration: IntegrationModel;
  ID: Scalars['ID']['output'];
  IntegrationConnection: Omit<IntegrationConnection, 'edges'> & { edges: Array<ResolversParentTypes['IntegrationEdge']> };
  IntegrationEdge: Omit<IntegrationEdge, 'node'> & { node: ResolversParentTypes['Integration'] };
  IntegrationHealthCheck: IntegrationHealthCheck;
  JSONObject: Scalars['JSONObject']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RevealIntegrationWebhookPayload: Omit<RevealIntegrationWebhookPayload, 'integration'> & { integration: ResolversParentTypes['Integration'] };
  SetIntegrationWebhookSecretInput: SetIntegrationWebhookSecretInput;
  SetIntegrationWebhookSecretPayload: Omit<SetIntegrationWebhookSecretPayload, 'integration'> & { integration: ResolversParentTypes['Integration'] };
  TestIntegrationPayload: Omit<TestIntegrationPayload, 'integration'> & { integration: ResolversParentTypes['Integration'] };
  UpdateIntegrationCredentialsInput: UpdateIntegrationCredentialsInput;
  UpdateIntegrationCredentialsPayload: Omit<UpdateIntegrationCredentialsPayload, 'integration'> & { integration: ResolversParentTypes['Integration'] };
  User: { id: string };
}>;

export type ConnectIntegrationPayloadResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['ConnectIntegrationPayload'] = ResolversParentTypes['ConnectIntegrationPayload']> = ResolversObject<{
  authorizationUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
}>;

export type ConnectorResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['Connector'] = ResolversParentTypes['Connector']> = ResolversObject<{
  actions?: Resolver<Array<ResolversTypes['ConnectorAction']>, ParentType, ContextType>;
  authKind?: Resolver<ResolversTypes['ConnectorAuthKind'], ParentType, ContextType>;
  credentialFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['IntegrationProvider'], ParentType, ContextType>;
  rateLimit?: Resolver<ResolversTypes['ConnectorRateLimit'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  webhookEventTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ConnectorActionResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['ConnectorAction'] = ResolversParentTypes['ConnectorAction']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  idempotent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  inputSchema?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputSchema?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
}>;

export type ConnectorRateLimitResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['ConnectorRateLimit'] = ResolversParentTypes['ConnectorRateLimit']> = ResolversObject<{
  perSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DisconnectIntegrationPayloadResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['DisconnectIntegrationPayload'] = ResolversParentTypes['DisconnectIntegrationPayload']> = ResolversObject<{
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
}>;

export type IntegrationResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['Integration'] = ResolversParentTypes['Integration'], FederationReferenceType extends FederationReferenceTypes['Integration'] = FederationReferenceTypes['Integration']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Integration']> | FederationReferenceType, FederationReferenceType, ContextType>;
  connector?: Resolver<ResolversTypes['Connector'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  disconnectedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  health?: Resolver<Maybe<ResolversTypes['IntegrationHealthStatus']>, ParentType, ContextType>;
  healthCheckedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  healthError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  healthHistory?: Resolver<Array<ResolversTypes['IntegrationHealthCheck']>, ParentType, ContextType, RequireFields<IntegrationHealthHistoryArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['IntegrationProvider'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IntegrationStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type IntegrationConnectionResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['IntegrationConnection'] = ResolversParentTypes['IntegrationConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['IntegrationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type IntegrationEdgeResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['IntegrationEdge'] = ResolversParentTypes['IntegrationEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
}>;

export type IntegrationHealthCheckResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['IntegrationHealthCheck'] = ResolversParentTypes['IntegrationHealthCheck']> = ResolversObject<{
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IntegrationHealthStatus'], ParentType, ContextType>;
}>;

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MutationResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  connectIntegration?: Resolver<ResolversTypes['ConnectIntegrationPayload'], ParentType, ContextType, RequireFields<MutationConnectIntegrationArgs, 'input'>>;
  disconnectIntegration?: Resolver<ResolversTypes['DisconnectIntegrationPayload'], ParentType, ContextType, RequireFields<MutationDisconnectIntegrationArgs, 'id'>>;
  revealIntegrationWebhook?: Resolver<ResolversTypes['RevealIntegrationWebhookPayload'], ParentType, ContextType, RequireFields<MutationRevealIntegrationWebhookArgs, 'id'>>;
  setIntegrationWebhookSecret?: Resolver<ResolversTypes['SetIntegrationWebhookSecretPayload'], ParentType, ContextType, RequireFields<MutationSetIntegrationWebhookSecretArgs, 'input'>>;
  testIntegration?: Resolver<ResolversTypes['TestIntegrationPayload'], ParentType, ContextType, RequireFields<MutationTestIntegrationArgs, 'id'>>;
  updateIntegrationCredentials?: Resolver<ResolversTypes['UpdateIntegrationCredentialsPayload'], ParentType, ContextType, RequireFields<MutationUpdateIntegrationCredentialsArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  connectors?: Resolver<Array<ResolversTypes['Connector']>, ParentType, ContextType>;
  integration?: Resolver<Maybe<ResolversTypes['Integration']>, ParentType, ContextType, RequireFields<QueryIntegrationArgs, 'id'>>;
  integrations?: Resolver<ResolversTypes['IntegrationConnection'], ParentType, ContextType, Partial<QueryIntegrationsArgs>>;
}>;

export type RevealIntegrationWebhookPayloadResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['RevealIntegrationWebhookPayload'] = ResolversParentTypes['RevealIntegrationWebhookPayload']> = ResolversObject<{
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SetIntegrationWebhookSecretPayloadResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['SetIntegrationWebhookSecretPayload'] = ResolversParentTypes['SetIntegrationWebhookSecretPayload']> = ResolversObject<{
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TestIntegrationPayloadResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['TestIntegrationPayload'] = ResolversParentTypes['TestIntegrationPayload']> = ResolversObject<{
  check?: Resolver<ResolversTypes['IntegrationHealthCheck'], ParentType, ContextType>;
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
}>;

export type UpdateIntegrationCredentialsPayloadResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['UpdateIntegrationCredentialsPayload'] = ResolversParentTypes['UpdateIntegrationCredentialsPayload']> = ResolversObject<{
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = IntegrationContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  integrations?: Resolver<Array<ResolversTypes['Integration']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = IntegrationContext> = ResolversObject<{
  ConnectIntegrationPayload?: ConnectIntegrationPayloadResolvers<ContextType>;
  Connector?: ConnectorResolvers<ContextType>;
  ConnectorAction?: ConnectorActionResolvers<ContextType>;
  ConnectorRateLimit?: ConnectorRateLimitResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DisconnectIntegrationPayload?: DisconnectIntegrationPayloadResolvers<ContextType>;
  Integration?: IntegrationResolvers<ContextType>;
  IntegrationConnection?: IntegrationConnectionResolvers<ContextType>;
  IntegrationEdge?: IntegrationEdgeResolvers<ContextType>;
  IntegrationHealthCheck?: IntegrationHealthCheckResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RevealIntegrationWebhookPayload?: RevealIntegrationWebhookPayloadResolvers<ContextType>;
  SetIntegrationWebhookSecretPayload?: SetIntegrationWebhookSecretPayloadResolvers<ContextType>;
  TestIntegrationPayload?: TestIntegrationPayloadResolvers<ContextType>;
  UpdateIntegrationCredentialsPayload?: UpdateIntegrationCredentialsPayloadResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

