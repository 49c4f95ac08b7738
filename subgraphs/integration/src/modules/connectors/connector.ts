import type { z } from 'zod';
import type { IntegrationProviderValue } from '../integrations/integration.entity';
import type { WebhookScheme } from '../provider-webhooks/verification';
import type { ProviderHttp } from './provider-http';

/** A connector's id is the provider it speaks to, as stored on integrations. */
export type ConnectorId = IntegrationProviderValue;

/** OAuth 2.0 authorization-code flow (with PKCE) against the provider's endpoints. */
export interface OAuth2Auth {
  kind: 'oauth2';
  /** Endpoint names (keys of `endpoints`) or absolute defaults; overridable like every endpoint. */
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 7009 revocation endpoint, when the provider has one. */
  revokeUrl?: string;
  /** Scopes asked for at authorization. */
  scopes: string[];
  /** Extra authorization parameters the provider needs to issue a refresh token (Google's `access_type=offline`). */
  authorizeParams?: Record<string, string>;
}

/** A secret the admin types in (S3 keys, an HTTP token), validated by `fields`; never echoed back. */
export interface ApiKeyAuth {
  kind: 'api_key';
  /** The fields an admin provides, for the catalog. */
  fieldNames: string[];
  fields: z.ZodType<Record<string, string>>;
}

export type ConnectorAuth = OAuth2Auth | ApiKeyAuth | { kind: 'none' };

/** Decrypted credentials: they exist only inside the Integration service, for the length of a call. */
export type Credentials = { kind: 'oauth2'; accessToken: string } | { kind: 'api_key'; values: Record<string, string> } | { kind: 'none' };

/** What an action (or a health check) gets to reach its provider. */
export interface ProviderCall {
  credentials: Credentials;
  /** The provider's client: base URLs resolved from config, errors classified (provider-errors.ts). */
  http: ProviderHttp;
  signal: AbortSignal;
}

export interface ActionCall<Input> extends ProviderCall {
  input: Input;
  /** `<executionId>:<stepId>`: the same on every attempt of a workflow step. */
  idempotencyKey: string;
}

export interface ConnectorAction<Input = unknown, Output = unknown> {
  description: string;
  input: z.ZodType<Input>;
  output: z.ZodType<Output>;
  /**
   * Calling it twice has the effect of calling it once (a read, an overwrite, or a provider that
   * honours our idempotency key). Only these are retried with backoff inside the service. For the
   * others the ledger (action-ledger.ts) answers a repeat of a call that succeeded with its first
   * output; a call that failed ambiguously (a timeout after the request left) may be repeated by
   * the step's own retry.
   */
  idempotent: boolean;
  /** When it depends on the input (an HTTP method): overrides `idempotent` for this call. */
  isIdempotent?: (input: Input) => boolean;
  run(call: ActionCall<Input>): Promise<Output>;
}

/** How many requests one connected account may make, shared by every worker (a Redis-backed limiter). */
export interface RateLimitPolicy {
  requests: number;
  perSeconds: number;
}

/** The webhook deliveries a connector can receive, and the Core events they become. */
export interface ConnectorWebhooks {
  /** How a delivery proves it comes from the provider (provider-webhooks/*.verifier.ts). */
  scheme: WebhookScheme;
  /**
   * The provider's event types (as its delivery names them) that are recorded; others are
   * acknowledged and dropped. `any`: the sender names its own types (the generic scheme).
   */
  eventTypes: readonly string[] | 'any';
}

/**
 * One provider. Adding one is a folder under `connectors/` exporting this, and a line in
 * `registry.ts` (docs/adding-a-connector.md).
 */
export interface Connector {
  id: ConnectorId;
  displayName: string;
  auth: ConnectorAuth;
  /**
   * Named base URLs with their production defaults; `CONNECTOR_<ID>_<NAME>_URL` overrides one
   * (tests point them at local servers speaking the provider's shapes).
   */
  endpoints: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own input and output types
  actions: Record<string, ConnectorAction<any, any>>;
  webhooks?: ConnectorWebhooks;
  /**
   * Its actions call URLs a user gives (generic HTTP): its client connects only through the SSRF
   * address guard, and `providerHttpFor` refuses to build one without it.
   */
  callsUserUrls?: boolean;
  rateLimit: RateLimitPolicy;
  /** The provider's message in an error body, for errors that say what went wrong (never the request's headers). */
  errorMessage?: (body: unknown) => string | undefined;
  /** Resolves when the credentials work and the API answers; throws a ProviderError otherwise. */
  healthCheck(call: ProviderCall): Promise<void>;
}

/** Identity function that keeps an action's input and output types tied to its schemas. */
export function defineAction<Input, Output>(action: ConnectorAction<Input, Output>): ConnectorAction<Input, Output> {
  return action;
}
