import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserProfile as UserProfileModel } from '../modules/users/user.entity';
import type { Organization as OrganizationModel } from '../modules/organizations/organization.entity';
import type { Membership as MembershipModel } from '../modules/memberships/membership.entity';
import type { Session as SessionModel } from '../modules/auth/session.entity';
import type { ApiKey as ApiKeyModel } from '../modules/api-keys/api-key.entity';
import type { Invitation as InvitationModel } from '../modules/invitations/invitation.entity';
import type { AuditEntry as AuditEntryModel } from '../modules/audit/audit-entry.entity';
import type { Event as EventModel } from '../modules/events/event.entity';
import type { IngestResult as IngestResultModel } from '../modules/events/event.service';
import type { DataSubjectRequest as DataSubjectRequestModel } from '../modules/data-subject/data-subject.repository';
import type { CoreContext } from '../context';
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
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An API key for partners and integrations; its secret is shown once, at creation. */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** The client application this key is bound to: it may run only that client's trusted documents. */
  clientName?: Maybe<Scalars['String']['output']>;
  /** When the key was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The user who created the key. The key acts as this user, with at most their current role, and stops working if they leave the organization. */
  createdBy: User;
  /** When the key stops working; null when it never expires. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** When the gateway last accepted the key; null if it was never used. Accepted keys are cached for up to 30 seconds, so this can lag by as much. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** A name to recognise the key by, 1 to 100 characters. */
  name: Scalars['String']['output'];
  /** The first characters of the key, to recognise it. */
  prefix: Scalars['String']['output'];
  /** When the key was revoked (it stops working within 30 seconds); null while it is not revoked. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The role the key was created with; it acts with at most its creator's current role. */
  role: Role;
  /** What the key may do, e.g. `workflows:read`; an action needs both the key's role and the matching scope. */
  scopes: Array<Scalars['String']['output']>;
};

/** An append-only record of a change made in any subgraph (a workflow published, an integration connected, a role changed…) or of an auth event, including failed logins of the organization's members. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** What happened, e.g. `auth.login`, `auth.login_failed`, `member.role_changed`, `api_key.created`, or `<subgraph>.<mutation>` for another subgraph's change, e.g. `workflow.publishWorkflow`. */
  action: Scalars['String']['output'];
  /** Who did it; null when unknown or no longer visible (a user who has left the organization). */
  actor?: Maybe<User>;
  /** When it was recorded. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The IP address the request came from; null when unknown. */
  ip?: Maybe<Scalars['String']['output']>;
  /** Details that depend on the action, e.g. `{ from, to }` for a role change. */
  metadata: Scalars['JSONObject']['output'];
  /** The id of the request that made the change (the same in every subgraph the request reached); null for entries recorded before request ids were. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** The id of the thing acted on; null when none. */
  targetId?: Maybe<Scalars['ID']['output']>;
  /** The kind of thing acted on, e.g. `user`, `session`, `organization`, `membership`, `invitation`, `api_key`, `workflow`, `trigger`, `execution`, `integration` or `suggestion`; null when none. */
  targetType?: Maybe<Scalars['String']['output']>;
};

/** A page of the audit log, newest first. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/** Tokens returned by signUp, logIn, refreshSession, switchOrganization and acceptInvitation. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Short-lived JWT for the Authorization header. */
  accessToken: Scalars['String']['output'];
  /** When the access token expires: 15 minutes after it was issued. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** The organization the tokens act in. */
  organization: Organization;
  /** Single-use token for refreshSession; replaying a used one revokes the whole session. */
  refreshToken: Scalars['String']['output'];
  /** When the refresh token expires (by default 30 days after it was issued); after that, log in again. */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  /** The user's role in that organization, as carried by the access token. */
  role: Role;
  /** The user the tokens act as. */
  user: User;
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** A new API key for the caller's organization. */
export type CreateApiKeyInput = {
  /** Binds the key to a client application (`clients/<name>/` at the gateway); lowercase letters, digits and dashes. */
  clientName?: InputMaybe<Scalars['String']['input']>;
  /** When the key stops working; must be in the future. Never, when omitted. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A name to recognise the key by, 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** The key's role, at most the creator's own; MEMBER when omitted. */
  role?: InputMaybe<Role>;
  /**
   * The key's scopes, from this list (anything else is a VALIDATION_ERROR): organization:read, organization:write,
   * members:write, audit:read, events:read, events:write, workflows:read, workflows:write, workflows:execute,
   * integrations:read, integrations:write, patterns:read, suggestions:read, suggestions:write, reports:read.
   */
  scopes: Array<Scalars['String']['input']>;
};

/** What createApiKey returns. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The new key. */
  apiKey: ApiKey;
  /** The full key. Shown only here: store it now. */
  secret: Scalars['String']['output'];
};

/** A new organization, owned by the caller. */
export type CreateOrganizationInput = {
  /** The organization's name, 1 to 200 characters. */
  name: Scalars['String']['input'];
};

/** A request about the caller's data (an export or an erasure) and how far its job has come. */
export type DataSubjectRequest = {
  __typename?: 'DataSubjectRequest';
  /** When its job finished; null before. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * The export's download path on the gateway (signed, for the caller only, usable once, with the caller's credentials);
   * null until it is ready and after it was downloaded or expired.
   */
  downloadUrl?: Maybe<Scalars['String']['output']>;
  /** Until when the export can be downloaded. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** What it asks for. */
  kind: DataSubjectRequestKind;
  /** When it was asked for. */
  requestedAt: Scalars['DateTime']['output'];
  /** How far its job has come. */
  status: DataSubjectRequestStatus;
};

/** What a data-subject request asks for. */
export type DataSubjectRequestKind =
  /** The caller's account erased everywhere (deleteMyAccount). */
  | 'ERASURE'
  /** An archive of the caller's data in every subgraph, downloadable once within 24 hours. */
  | 'EXPORT'
  /** An organization and all of its data erased everywhere (deleteOrganization). */
  | 'ORGANIZATION_ERASURE';

/** What requestDataExport, deleteMyAccount and deleteOrganization return. */
export type DataSubjectRequestPayload = {
  __typename?: 'DataSubjectRequestPayload';
  /** The request, as its job has it now (an unfinished one asked for again is returned as it is). */
  request: DataSubjectRequest;
};

/** Where a data-subject request stands; its job retries a failed step before FAILED. */
export type DataSubjectRequestStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

/** Something that happened in a connected tool. */
export type Event = {
  __typename?: 'Event';
  /** When Flowgraph stored it. */
  createdAt: Scalars['DateTime']['output'];
  /** What happened, in lower case, e.g. `pr.opened`. */
  eventType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** When it happened, as the sender said. */
  occurredAt: Scalars['DateTime']['output'];
  /** The sender's data about the event, as sent (at most 16 KiB as JSON). */
  payload: Scalars['JSONObject']['output'];
  /** The tool it happened in, in lower case, e.g. `github`; `flowgraph` for Flowgraph's own events. */
  tool: Scalars['String']['output'];
  /** The user the event was ingested as (for an API key, its creator); null when that user is not visible to the caller. */
  user?: Maybe<User>;
};

/** Events newest first; cursors stay valid while new events arrive. */
export type EventConnection = {
  __typename?: 'EventConnection';
  edges: Array<EventEdge>;
  pageInfo: PageInfo;
};

export type EventEdge = {
  __typename?: 'EventEdge';
  cursor: Scalars['String']['output'];
  node: Event;
};

/** Which events `events` returns: every given field must match. */
export type EventFilter = {
  /** Only events of this type (compared in lower case). */
  eventType?: InputMaybe<Scalars['String']['input']>;
  /** Inclusive lower bound on occurredAt. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive upper bound on occurredAt. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only events from this tool (compared in lower case). */
  tool?: InputMaybe<Scalars['String']['input']>;
};

/** What ingestEvents did with one event of the input list. */
export type EventIngestResult = {
  __typename?: 'EventIngestResult';
  /** Why the event was refused, one entry per problem; empty unless INVALID. */
  errors: Array<FieldError>;
  /** The stored event (for DUPLICATE, the one stored before); null when INVALID. */
  event?: Maybe<Event>;
  /** Position of the event in the input list. */
  index: Scalars['Int']['output'];
  /** Whether it was stored, already stored, or refused. */
  status: EventIngestStatus;
};

/** What ingestEvents did with one event. */
export type EventIngestStatus =
  /** Stored now. */
  | 'CREATED'
  /** Stored before under the same idempotency key; nothing changed. */
  | 'DUPLICATE'
  /** Refused; see errors. */
  | 'INVALID';

/** One event for ingestEvents. */
export type EventInput = {
  /** What happened, e.g. `pr.opened`: 1 to 100 characters of a-z, 0-9 and `_ . : -`, stored in lower case. */
  eventType: Scalars['String']['input'];
  /** Client-chosen key, unique per organization: a retried event is stored once. */
  idempotencyKey: Scalars['String']['input'];
  /** When it happened; at most 24 hours in the future. */
  occurredAt: Scalars['DateTime']['input'];
  /** At most 16 KiB once serialised. */
  payload: Scalars['JSONObject']['input'];
  /** The tool it happened in, e.g. `github`: 1 to 50 characters of a-z, 0-9 and `_ . -`, stored in lower case; `flowgraph` is reserved. */
  tool: Scalars['String']['input'];
};

/** A problem with one field of an input. */
export type FieldError = {
  __typename?: 'FieldError';
  /** The field, as a path within the input, e.g. `occurredAt` or `payload`. */
  field: Scalars['String']['output'];
  /** What is wrong with it, for a person to read. */
  message: Scalars['String']['output'];
};

/** What ingestEvents returns. */
export type IngestEventsPayload = {
  __typename?: 'IngestEventsPayload';
  /** How many events this call stored. */
  createdCount: Scalars['Int']['output'];
  /** How many events were already stored under their idempotency key (by an earlier call or earlier in this one). */
  duplicateCount: Scalars['Int']['output'];
  /** How many events were refused. */
  invalidCount: Scalars['Int']['output'];
  /** One result per input event, in input order. */
  results: Array<EventIngestResult>;
};

/**
 * An invitation to join an organization: pending until it is accepted, revoked, replaced by a newer
 * invitation of the same email, or expired. Only an account with the invited email can accept it.
 */
export type Invitation = {
  __typename?: 'Invitation';
  /** When it was accepted; null while it is not. */
  acceptedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the invitation was made. */
  createdAt: Scalars['DateTime']['output'];
  /** The invited email address; only an account with this address (case-insensitive) can accept. */
  email: Scalars['String']['output'];
  /** When its token stops working (by default 7 days after it was made). */
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Who invited; null when they are no longer visible (they left the organization). */
  invitedBy?: Maybe<User>;
  /** When it was revoked or replaced by a newer invitation of the same email; null while it is not. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The role the invitee gets on accepting. */
  role: Role;
};

/** A page of pending invitations, newest first. */
export type InvitationConnection = {
  __typename?: 'InvitationConnection';
  edges: Array<InvitationEdge>;
  pageInfo: PageInfo;
};

export type InvitationEdge = {
  __typename?: 'InvitationEdge';
  cursor: Scalars['String']['output'];
  node: Invitation;
};

/** Whom to invite to the caller's organization, and with which role. */
export type InviteMemberInput = {
  /** The invitee's email address, at most 254 characters; they need not have an account yet. */
  email: Scalars['String']['input'];
  /** The role they get on accepting; only an owner may invite as OWNER. */
  role: Role;
};

/** What inviteMember returns. */
export type InviteMemberPayload = {
  __typename?: 'InviteMemberPayload';
  /** The pending invitation. */
  invitation: Invitation;
  /** The single-use token the invitee accepts with (acceptInvitation, or signUp's invitationToken). Shown only here: send it to the invitee. */
  token: Scalars['String']['output'];
};

/** Credentials for logIn. */
export type LogInInput = {
  /** The account's email address. */
  email: Scalars['String']['input'];
  /** The organization to act in; when omitted, the one the user acted in last (if still a member), else the oldest membership. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** The account's password. A wrong password and an unknown email get the same UNAUTHENTICATED error. */
  password: Scalars['String']['input'];
};

/** What logOut returns. */
export type LogOutPayload = {
  __typename?: 'LogOutPayload';
  /** True when the calling session was found and revoked; false when there was no such session. */
  revoked: Scalars['Boolean']['output'];
};

/** A user's role in an organization. */
export type Membership = {
  __typename?: 'Membership';
  /** When the user joined the organization. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The organization they belong to. */
  organization: Organization;
  /** Their role in the organization; a change refuses their existing access tokens from their next request (refreshSession gives one with the new role). */
  role: Role;
  /** The member. */
  user: User;
};

/** A page of an organization's members, oldest first. */
export type MembershipConnection = {
  __typename?: 'MembershipConnection';
  edges: Array<MembershipEdge>;
  pageInfo: PageInfo;
};

export type MembershipEdge = {
  __typename?: 'MembershipEdge';
  cursor: Scalars['String']['output'];
  node: Membership;
};

/** What changeMemberRole returns. */
export type MembershipPayload = {
  __typename?: 'MembershipPayload';
  /** The membership as it is now. */
  membership: Membership;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Accepts an invitation on a logged-in session whose account has the invited email: the caller joins with the invited
   * role and gets tokens acting there. A token that is unknown, used, revoked, expired or for another email gets the same NOT_FOUND.
   */
  acceptInvitation: AuthPayload;
  /**
   * Accepts the privacy policy and terms of service in force (the versions shown to the person; others are a VALIDATION_ERROR)
   * and returns tokens that carry the acceptance, on the same device. Accepting again what was accepted records nothing new.
   * Needs a logged-in session (not an API key).
   */
  acceptPolicies: AuthPayload;
  /**
   * Changes a member's role in the caller's organization. Their access tokens issued before are refused (UNAUTHENTICATED) from their
   * next request and their open subscriptions closed; refreshSession gives them a token with the new role.
   * Admins; only an owner may grant or take away OWNER, and the last owner keeps it.
   */
  changeMemberRole: MembershipPayload;
  /** Creates an API key for the caller's organization and returns its secret, once. Admins on a logged-in session (API keys cannot manage keys). */
  createApiKey: CreateApiKeyPayload;
  /** Creates an organization owned by the caller, on a logged-in session (not an API key). The caller goes on acting in their current one: use switchOrganization to act in the new one. */
  createOrganization: OrganizationPayload;
  /**
   * Erases the caller's account in every subgraph, on a logged-in session: its sessions and API keys stop working at once, the
   * rest follows in a job. Organizations the caller is the only member of go with it. CONFLICT, naming them, while the caller is
   * the only owner of an organization with other members: transfer ownership (changeMemberRole) or delete it first.
   * `confirmEmail` must be the account's email.
   */
  deleteMyAccount: DataSubjectRequestPayload;
  /**
   * Erases the caller's current organization and all of its data in every subgraph, on a logged-in session; its members' access
   * there ends at once. Owners. `confirmName` must be the organization's name.
   */
  deleteOrganization: DataSubjectRequestPayload;
  /** Stores up to 1,000 events; each is validated on its own. */
  ingestEvents: IngestEventsPayload;
  /**
   * Invites an email address to the caller's organization and returns the invitation's token, once. The answer is the
   * same whether or not the address has an account; CONFLICT when it is already a member's. Inviting the address again
   * replaces its pending invitation. Admins; only an owner may invite as OWNER.
   */
  inviteMember: InviteMemberPayload;
  /**
   * Checks the email and password and returns tokens for one organization. After 5 attempts per account or 20 per IP
   * address in 15 minutes, even the right password gets RATE_LIMITED (with retryAfter); a success resets the account's count.
   */
  logIn: AuthPayload;
  /** Revokes the calling session. */
  logOut: LogOutPayload;
  /** Exchanges a refresh token for a new pair (rotation). */
  refreshSession: AuthPayload;
  /**
   * Removes a member from the caller's organization: from their next request their access tokens there are refused, their open
   * subscriptions are closed, their refresh fails, and the API keys they created stop working.
   * Admins; only an owner may remove an owner, and never the last one.
   */
  removeMember: RemoveMemberPayload;
  /** Starts an export of the caller's data in every subgraph; asking while one is under way returns that one. See dataSubjectRequests for its status and link. */
  requestDataExport: DataSubjectRequestPayload;
  /** Revokes an API key of the caller's organization; it stops working within 30 seconds. Admins on a logged-in session. */
  revokeApiKey: RevokeApiKeyPayload;
  /** Revokes a pending invitation of the caller's organization; its token stops working. Admins; only an owner may revoke an OWNER invitation. */
  revokeInvitation: RevokeInvitationPayload;
  /** Logs out one of the caller's own devices (a session listed by `sessions`). Needs a logged-in session, not an API key. */
  revokeSession: RevokeSessionPayload;
  /** Creates an account, an organization it owns (or joins the one of its invitation) and a first session, and returns its tokens. At most 5 an hour per email address. */
  signUp: AuthPayload;
  /** Issues tokens for another organization the caller belongs to. */
  switchOrganization: AuthPayload;
  /** Renames the caller's current organization or changes how long its events are kept. Admins. */
  updateOrganization: OrganizationPayload;
};


export type MutationAcceptInvitationArgs = {
  token: Scalars['String']['input'];
};


export type MutationAcceptPoliciesArgs = {
  input: PolicyVersionsInput;
};


export type MutationChangeMemberRoleArgs = {
  membershipId: Scalars['ID']['input'];
  role: Role;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


export type MutationDeleteMyAccountArgs = {
  confirmEmail: Scalars['String']['input'];
};


export type MutationDeleteOrganizationArgs = {
  confirmName: Scalars['String']['input'];
};


export type MutationIngestEventsArgs = {
  events: Array<EventInput>;
};


export type MutationInviteMemberArgs = {
  input: InviteMemberInput;
};


export type MutationLogInArgs = {
  input: LogInInput;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRemoveMemberArgs = {
  membershipId: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeInvitationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};


export type MutationSwitchOrganizationArgs = {
  organizationId: Scalars['ID']['input'];
};


export type MutationUpdateOrganizationArgs = {
  input: UpdateOrganizationInput;
};

/** A tenant: every piece of data belongs to exactly one organization. */
export type Organization = {
  __typename?: 'Organization';
  /** When the organization was created. */
  createdAt: Scalars['DateTime']['output'];
  /** How long events are kept before the retention job deletes them. */
  eventRetentionDays: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Members, oldest first. */
  members: MembershipConnection;
  /** The organization's name, 1 to 200 characters. */
  name: Scalars['String']['output'];
};


/** A tenant: every piece of data belongs to exactly one organization. */
export type OrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What createOrganization and updateOrganization return. */
export type OrganizationPayload = {
  __typename?: 'OrganizationPayload';
  /** The organization as it is now. */
  organization: Organization;
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A person's acceptance of a privacy policy and terms of service. */
export type PolicyAcceptance = {
  __typename?: 'PolicyAcceptance';
  /** When they were accepted. */
  acceptedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The privacy policy version accepted. */
  privacyPolicyVersion: Scalars['String']['output'];
  /** The terms of service version accepted. */
  termsOfServiceVersion: Scalars['String']['output'];
};

/** The policy versions in force and what the caller accepted. */
export type PolicyConsent = {
  __typename?: 'PolicyConsent';
  /** The caller's latest acceptance; null for anonymous callers, API keys and a person who has accepted none. */
  accepted?: Maybe<PolicyAcceptance>;
  /** The versions in force; null when none are published (then nobody is asked to accept). */
  current?: Maybe<PolicyVersions>;
  /** True when the caller is a signed-in person who must accept `current` (acceptPolicies): until then other operations answer CONSENT_REQUIRED. */
  required: Scalars['Boolean']['output'];
};

/** Versions of the privacy policy and the terms of service. */
export type PolicyVersions = {
  __typename?: 'PolicyVersions';
  /** The privacy policy's version. */
  privacyPolicy: Scalars['String']['output'];
  /** The terms of service's version. */
  termsOfService: Scalars['String']['output'];
};

/** The versions of the privacy policy and terms of service a person read and accepts. */
export type PolicyVersionsInput = {
  /** The privacy policy's version, as policyConsent.current.privacyPolicy names it. */
  privacyPolicyVersion: Scalars['String']['input'];
  /** The terms of service's version, as policyConsent.current.termsOfService names it. */
  termsOfServiceVersion: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** API keys of the caller's organization (admins). */
  apiKeys: Array<ApiKey>;
  /** The organization's audit log, newest first (admins). */
  auditLog: AuditEntryConnection;
  /** The organization the caller is acting in. */
  currentOrganization?: Maybe<Organization>;
  /** The caller's latest data-subject requests (exports and erasures), newest first: at most 10. */
  dataSubjectRequests: Array<DataSubjectRequest>;
  /** An event of the caller's organization; null when there is none with this id. */
  event?: Maybe<Event>;
  /** The organization's events, newest first. */
  events: EventConnection;
  /** Pending invitations of the caller's organization, newest first (admins). */
  invitations: InvitationConnection;
  /** The calling user. */
  me?: Maybe<User>;
  /** An organization the caller belongs to (the current one or another); null for any other id. */
  organization?: Maybe<Organization>;
  /** The privacy policy and terms of service in force and what the caller accepted. Open to anyone, signed in or not. */
  policyConsent: PolicyConsent;
  /** The caller's own sessions, most recently used first. */
  sessions: Array<Session>;
  /** A user: the caller or a member of the caller's current organization; null for anyone else. */
  user?: Maybe<User>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryInvitationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};

/** What removeMember returns. */
export type RemoveMemberPayload = {
  __typename?: 'RemoveMemberPayload';
  /** The id of the membership that was removed. */
  removedMembershipId: Scalars['ID']['output'];
};

/** What revokeApiKey returns. */
export type RevokeApiKeyPayload = {
  __typename?: 'RevokeApiKeyPayload';
  /** The key, with revokedAt set. */
  apiKey: ApiKey;
};

/** What revokeInvitation returns. */
export type RevokeInvitationPayload = {
  __typename?: 'RevokeInvitationPayload';
  /** The invitation, with revokedAt set; its token no longer works. */
  invitation: Invitation;
};

/** What revokeSession returns. */
export type RevokeSessionPayload = {
  __typename?: 'RevokeSessionPayload';
  /** The session, now revoked: its refresh token and access tokens no longer work. */
  session: Session;
};

/** A role in an organization, weakest first: VIEWER reads, MEMBER runs, ADMIN edits, OWNER owns. */
export type Role =
  | 'ADMIN'
  | 'MEMBER'
  | 'OWNER'
  | 'VIEWER';

/** A logged-in device. The refresh token itself is never shown again. */
export type Session = {
  __typename?: 'Session';
  /** When the device logged in. */
  createdAt: Scalars['DateTime']['output'];
  /** Whether this is the session of the calling token. */
  current: Scalars['Boolean']['output'];
  /** When the session ends unless its refresh token is used first (by default 30 days after lastUsedAt). */
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The IP address of the device's latest log-in or token refresh; null when unknown. */
  ip?: Maybe<Scalars['String']['output']>;
  /** When the device last logged in, refreshed its tokens or switched organization. */
  lastUsedAt: Scalars['DateTime']['output'];
  /** The User-Agent header of the device's latest log-in or token refresh; null when it sent none. */
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** A new account, and either the organization it owns or the one it was invited to. */
export type SignUpInput = {
  /**
   * The privacy policy and terms of service versions the person accepted on the form: the ones in force (policyConsent.current),
   * else a VALIDATION_ERROR. Without it the account is created all the same and everything but acceptPolicies answers
   * CONSENT_REQUIRED until the person accepts.
   */
  acceptedPolicies?: InputMaybe<PolicyVersionsInput>;
  /** The account's email address, at most 254 characters; one account per address (case-insensitive). */
  email: Scalars['String']['input'];
  /** An invitation's token: the account joins that organization with the invited role instead of creating one. The email must be the invited one. */
  invitationToken?: InputMaybe<Scalars['String']['input']>;
  /** The person's name, 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** The name of the organization created with the account (1 to 200 characters); the new user is its owner. Required without invitationToken, ignored with it. */
  organizationName?: InputMaybe<Scalars['String']['input']>;
  /** The password, 8 to 256 characters. */
  password: Scalars['String']['input'];
};

/** Changes to the caller's current organization; omitted fields stay as they are. */
export type UpdateOrganizationInput = {
  /** How many days events are kept, a whole number from 1 to 3,650 (new organizations keep them 90 days). */
  eventRetentionDays?: InputMaybe<Scalars['Int']['input']>;
  /** The new name, 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A person who can log in. Visible to members of an organization they belong to. */
export type User = {
  __typename?: 'User';
  /** When the account was created (signUp). */
  createdAt: Scalars['DateTime']['output'];
  /** The email address the user logs in with; unique across Flowgraph (case-insensitive). */
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** This user's memberships in organizations the caller can see. */
  memberships: Array<Membership>;
  /** The user's name, 1 to 100 characters. */
  name: Scalars['String']['output'];
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
  Event: Event;
  Organization: Organization;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Event:
    ( { __typename: 'Event' }
    & GraphQLRecursivePick<FederationTypes['Event'], {"id":true}> );
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ApiKey: ResolverTypeWrapper<ApiKeyModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEntry: ResolverTypeWrapper<AuditEntryModel>;
  AuditEntryConnection: ResolverTypeWrapper<Omit<AuditEntryConnection, 'edges'> & { edges: Array<ResolversTypes['AuditEntryEdge']> }>;
  AuditEntryEdge: ResolverTypeWrapper<Omit<AuditEntryEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'organization' | 'user'> & { organization: ResolversTypes['Organization'], user: ResolversTypes['User'] }>;
  CacheControlScope: CacheControlScope;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: ResolverTypeWrapper<Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  CreateOrganizationInput: CreateOrganizationInput;
  DataSubjectRequest: ResolverTypeWrapper<DataSubjectRequestModel>;
  DataSubjectRequestKind: DataSubjectRequestKind;
  DataSubjectRequestPayload: ResolverTypeWrapper<Omit<DataSubjectRequestPayload, 'request'> & { request: ResolversTypes['DataSubjectRequest'] }>;
  DataSubjectRequestStatus: DataSubjectRequestStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<EventModel>;
  EventConnection: ResolverTypeWrapper<Omit<EventConnection, 'edges'> & { edges: Array<ResolversTypes['EventEdge']> }>;
  EventEdge: ResolverTypeWrapper<Omit<EventEdge, 'node'> & { node: ResolversTypes['Event'] }>;
  EventFilter: EventFilter;
  EventIngestResult: ResolverTypeWrapper<IngestResultModel>;
  EventIngestStatus: EventIngestStatus;
  EventInput: EventInput;
  FieldError: ResolverTypeWrapper<FieldError>;
  IngestEventsPayload: ResolverTypeWrapper<Omit<IngestEventsPayload, 'results'> & { results: Array<ResolversTypes['EventIngestResult']> }>;
  Invitation: ResolverTypeWrapper<InvitationModel>;
  InvitationConnection: ResolverTypeWrapper<Omit<InvitationConnection, 'edges'> & { edges: Array<ResolversTypes['InvitationEdge']> }>;
  InvitationEdge: ResolverTypeWrapper<Omit<InvitationEdge, 'node'> & { node: ResolversTypes['Invitation'] }>;
  InviteMemberInput: InviteMemberInput;
  InviteMemberPayload: ResolverTypeWrapper<Omit<InviteMemberPayload, 'invitation'> & { invitation: ResolversTypes['Invitation'] }>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  LogInInput: LogInInput;
  LogOutPayload: ResolverTypeWrapper<LogOutPayload>;
  Membership: ResolverTypeWrapper<MembershipModel>;
  MembershipConnection: ResolverTypeWrapper<Omit<MembershipConnection, 'edges'> & { edges: Array<ResolversTypes['MembershipEdge']> }>;
  MembershipEdge: ResolverTypeWrapper<Omit<MembershipEdge, 'node'> & { node: ResolversTypes['Membership'] }>;
  MembershipPayload: ResolverTypeWrapper<Omit<MembershipPayload, 'membership'> & { membership: ResolversTypes['Membership'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Organization: ResolverTypeWrapper<OrganizationModel>;
  OrganizationPayload: ResolverTypeWrapper<Omit<OrganizationPayload, 'organization'> & { organization: ResolversTypes['Organization'] }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PolicyAcceptance: ResolverTypeWrapper<PolicyAcceptance>;
  PolicyConsent: ResolverTypeWrapper<PolicyConsent>;
  PolicyVersions: ResolverTypeWrapper<PolicyVersions>;
  PolicyVersionsInput: PolicyVersionsInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RemoveMemberPayload: ResolverTypeWrapper<RemoveMemberPayload>;
  RevokeApiKeyPayload: ResolverTypeWrapper<Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  RevokeInvitationPayload: ResolverTypeWrapper<Omit<RevokeInvitationPayload, 'invitation'> & { invitation: ResolversTypes['Invitation'] }>;
  RevokeSessionPayload: ResolverTypeWrapper<Omit<RevokeSessionPayload, 'session'> & { session: ResolversTypes['Session'] }>;
  Role: Role;
  Session: ResolverTypeWrapper<SessionModel>;
  SignUpInput: SignUpInput;
  UpdateOrganizationInput: UpdateOrganizationInput;
  User: ResolverTypeWrapper<UserProfileModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApiKey: ApiKeyModel;
  ID: Scalars['ID']['output'];
  AuditEntry: AuditEntryModel;
  AuditEntryConnection: Omit<AuditEntryConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditEntryEdge']> };
  AuditEntryEdge: Omit<AuditEntryEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuthPayload: Omit<AuthPayload, 'organization' | 'user'> & { organization: ResolversParentTypes['Organization'], user: ResolversParentTypes['User'] };
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  CreateOrganizationInput: CreateOrganizationInput;
  DataSubjectRequest: DataSubjectRequestModel;
  DataSubjectRequestPayload: Omit<DataSubjectRequestPayload, 'request'> & { request: ResolversParentTypes['DataSubjectRequest'] };
  DateTime: Scalars['DateTime']['output'];
  Event: EventModel;
  EventConnection: Omit<EventConnection, 'edges'> & { edges: Array<ResolversParentTypes['EventEdge']> };
  EventEdge: Omit<EventEdge, 'node'> & { node: ResolversParentTypes['Event'] };
  EventFilter: EventFilter;
  EventIngestResult: IngestResultModel;
  EventInput: EventInput;
  FieldError: FieldError;
  IngestEventsPayload: Omit<IngestEventsPayload, 'results'> & { results: Array<ResolversParentTypes['EventIngestResult']> };
  Invitation: InvitationModel;
  InvitationConnection: Omit<InvitationConnection, 'edges'> & { edges: Array<ResolversParentTypes['InvitationEdge']> };
  InvitationEdge: Omit<InvitationEdge, 'node'> & { node: ResolversParentTypes['Invitation'] };
  InviteMemberInput: InviteMemberInput;
  InviteMemberPayload: Omit<InviteMemberPayload, 'invitation'> & { invitation: ResolversParentTypes['Invitation'] };
  JSONObject: Scalars['JSONObject']['output'];
  LogInInput: LogInInput;
  LogOutPayload: LogOutPayload;
  Membership: MembershipModel;
  MembershipConnection: Omit<MembershipConnection, 'edges'> & { edges: Array<ResolversParentTypes['MembershipEdge']> };
  MembershipEdge: Omit<MembershipEdge, 'node'> & { node: ResolversParentTypes['Membership'] };
  MembershipPayload: Omit<MembershipPayload, 'membership'> & { membership: ResolversParentTypes['Membership'] };
  Mutation: Record<PropertyKey, never>;
  Organization: OrganizationModel;
  OrganizationPayload: Omit<OrganizationPayload, 'organization'> & { organization: ResolversParentTypes['Organization'] };
  PageInfo: PageInfo;
  PolicyAcceptance: PolicyAcceptance;
  PolicyConsent: PolicyConsent;
  PolicyVersions: PolicyVersions;
  PolicyVersionsInput: PolicyVersionsInput;
  Query: Record<PropertyKey, never>;
  RemoveMemberPayload: RemoveMemberPayload;
  RevokeApiKeyPayload: Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  RevokeInvitationPayload: Omit<RevokeInvitationPayload, 'invitation'> & { invitation: ResolversParentTypes['Invitation'] };
  RevokeSessionPayload: Omit<RevokeSessionPayload, 'session'> & { session: ResolversParentTypes['Session'] };
  Session: SessionModel;
  SignUpInput: SignUpInput;
  UpdateOrganizationInput: UpdateOrganizationInput;
  User: UserProfileModel;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type AllowedBeforeConsentDirectiveArgs = { };

export type AllowedBeforeConsentDirectiveResolver<Result, Parent, ContextType = CoreContext, Args = AllowedBeforeConsentDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = CoreContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RateLimitDirectiveArgs = {
  arrayLengthField?: Maybe<Scalars['String']['input']>;
  identityArgs?: Maybe<Array<Maybe<Scalars['String']['input']>>>;
  max?: Maybe<Scalars['Int']['input']>;
  message?: Maybe<Scalars['String']['input']>;
  readOnly?: Maybe<Scalars['Boolean']['input']>;
  uncountRejected?: Maybe<Scalars['Boolean']['input']>;
  window?: Maybe<Scalars['String']['input']>;
};

export type RateLimitDirectiveResolver<Result, Parent, ContextType = CoreContext, Args = RateLimitDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ApiKeyResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = ResolversObject<{
  clientName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEntryResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  targetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  targetType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEntryConnectionResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type AuditEntryEdgeResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
}>;

export type AuthPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  accessTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refreshTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type CreateApiKeyPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['CreateApiKeyPayload'] = ResolversParentTypes['CreateApiKeyPayload']> = ResolversObject<{
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DataSubjectRequestResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['DataSubjectRequest'] = ResolversParentTypes['DataSubjectRequest']> = ResolversObject<{
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  downloadUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DataSubjectRequestKind'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DataSubjectRequestStatus'], ParentType, ContextType>;
}>;

export type DataSubjectRequestPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['DataSubjectRequestPayload'] = ResolversParentTypes['DataSubjectRequestPayload']> = ResolversObject<{
  request?: Resolver<ResolversTypes['DataSubjectRequest'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event'], FederationReferenceType extends FederationReferenceTypes['Event'] = FederationReferenceTypes['Event']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Event']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type EventConnectionResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['EventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type EventEdgeResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['EventEdge'] = ResolversParentTypes['EventEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
}>;

export type EventIngestResultResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['EventIngestResult'] = ResolversParentTypes['EventIngestResult']> = ResolversObject<{
  errors?: Resolver<Array<ResolversTypes['FieldError']>, ParentType, ContextType>;
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EventIngestStatus'], ParentType, ContextType>;
}>;

export type FieldErrorResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['FieldError'] = ResolversParentTypes['FieldError']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IngestEventsPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['IngestEventsPayload'] = ResolversParentTypes['IngestEventsPayload']> = ResolversObject<{
  createdCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  duplicateCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  invalidCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['EventIngestResult']>, ParentType, ContextType>;
}>;

export type InvitationResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Invitation'] = ResolversParentTypes['Invitation']> = ResolversObject<{
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
}>;

export type InvitationConnectionResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['InvitationConnection'] = ResolversParentTypes['InvitationConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['InvitationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type InvitationEdgeResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['InvitationEdge'] = ResolversParentTypes['InvitationEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType>;
}>;

export type InviteMemberPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['InviteMemberPayload'] = ResolversParentTypes['InviteMemberPayload']> = ResolversObject<{
  invitation?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type LogOutPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['LogOutPayload'] = ResolversParentTypes['LogOutPayload']> = ResolversObject<{
  revoked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type MembershipResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Membership'] = ResolversParentTypes['Membership']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type MembershipConnectionResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['MembershipConnection'] = ResolversParentTypes['MembershipConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['MembershipEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type MembershipEdgeResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['MembershipEdge'] = ResolversParentTypes['MembershipEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Membership'], ParentType, ContextType>;
}>;

export type MembershipPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['MembershipPayload'] = ResolversParentTypes['MembershipPayload']> = ResolversObject<{
  membership?: Resolver<ResolversTypes['Membership'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acceptInvitation?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationAcceptInvitationArgs, 'token'>>;
  acceptPolicies?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationAcceptPoliciesArgs, 'input'>>;
  changeMemberRole?: Resolver<ResolversTypes['MembershipPayload'], ParentType, ContextType, RequireFields<MutationChangeMemberRoleArgs, 'membershipId' | 'role'>>;
  createApiKey?: Resolver<ResolversTypes['CreateApiKeyPayload'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createOrganization?: Resolver<ResolversTypes['OrganizationPayload'], ParentType, ContextType, RequireFields<MutationCreateOrganizationArgs, 'input'>>;
  deleteMyAccount?: Resolver<ResolversTypes['DataSubjectRequestPayload'], ParentType, ContextType, RequireFields<MutationDeleteMyAccountArgs, 'confirmEmail'>>;
  deleteOrganization?: Resolver<ResolversTypes['DataSubjectRequestPayload'], ParentType, ContextType, RequireFields<MutationDeleteOrganizationArgs, 'confirmName'>>;
  ingestEvents?: Resolver<ResolversTypes['IngestEventsPayload'], ParentType, ContextType, RequireFields<MutationIngestEventsArgs, 'events'>>;
  inviteMember?: Resolver<ResolversTypes['InviteMemberPayload'], ParentType, ContextType, RequireFields<MutationInviteMemberArgs, 'input'>>;
  logIn?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLogInArgs, 'input'>>;
  logOut?: Resolver<ResolversTypes['LogOutPayload'], ParentType, ContextType>;
  refreshSession?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshSessionArgs, 'refreshToken'>>;
  removeMember?: Resolver<ResolversTypes['RemoveMemberPayload'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'membershipId'>>;
  requestDataExport?: Resolver<ResolversTypes['DataSubjectRequestPayload'], ParentType, ContextType>;
  revokeApiKey?: Resolver<ResolversTypes['RevokeApiKeyPayload'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  revokeInvitation?: Resolver<ResolversTypes['RevokeInvitationPayload'], ParentType, ContextType, RequireFields<MutationRevokeInvitationArgs, 'id'>>;
  revokeSession?: Resolver<ResolversTypes['RevokeSessionPayload'], ParentType, ContextType, RequireFields<MutationRevokeSessionArgs, 'id'>>;
  signUp?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'input'>>;
  switchOrganization?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSwitchOrganizationArgs, 'organizationId'>>;
  updateOrganization?: Resolver<ResolversTypes['OrganizationPayload'], ParentType, ContextType, RequireFields<MutationUpdateOrganizationArgs, 'input'>>;
}>;

export type OrganizationResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventRetentionDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['MembershipConnection'], ParentType, ContextType, Partial<OrganizationMembersArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OrganizationPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['OrganizationPayload'] = ResolversParentTypes['OrganizationPayload']> = ResolversObject<{
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PolicyAcceptanceResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['PolicyAcceptance'] = ResolversParentTypes['PolicyAcceptance']> = ResolversObject<{
  acceptedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  privacyPolicyVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  termsOfServiceVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PolicyConsentResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['PolicyConsent'] = ResolversParentTypes['PolicyConsent']> = ResolversObject<{
  accepted?: Resolver<Maybe<ResolversTypes['PolicyAcceptance']>, ParentType, ContextType>;
  current?: Resolver<Maybe<ResolversTypes['PolicyVersions']>, ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PolicyVersionsResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['PolicyVersions'] = ResolversParentTypes['PolicyVersions']> = ResolversObject<{
  privacyPolicy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  termsOfService?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  auditLog?: Resolver<ResolversTypes['AuditEntryConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  currentOrganization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  dataSubjectRequests?: Resolver<Array<ResolversTypes['DataSubjectRequest']>, ParentType, ContextType>;
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType, RequireFields<QueryEventArgs, 'id'>>;
  events?: Resolver<ResolversTypes['EventConnection'], ParentType, ContextType, Partial<QueryEventsArgs>>;
  invitations?: Resolver<ResolversTypes['InvitationConnection'], ParentType, ContextType, Partial<QueryInvitationsArgs>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType, RequireFields<QueryOrganizationArgs, 'id'>>;
  policyConsent?: Resolver<ResolversTypes['PolicyConsent'], ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
}>;

export type RemoveMemberPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['RemoveMemberPayload'] = ResolversParentTypes['RemoveMemberPayload']> = ResolversObject<{
  removedMembershipId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type RevokeApiKeyPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['RevokeApiKeyPayload'] = ResolversParentTypes['RevokeApiKeyPayload']> = ResolversObject<{
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
}>;

export type RevokeInvitationPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['RevokeInvitationPayload'] = ResolversParentTypes['RevokeInvitationPayload']> = ResolversObject<{
  invitation?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType>;
}>;

export type RevokeSessionPayloadResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['RevokeSessionPayload'] = ResolversParentTypes['RevokeSessionPayload']> = ResolversObject<{
  session?: Resolver<ResolversTypes['Session'], ParentType, ContextType>;
}>;

export type SessionResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastUsedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = CoreContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberships?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CoreContext> = ResolversObject<{
  ApiKey?: ApiKeyResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  CreateApiKeyPayload?: CreateApiKeyPayloadResolvers<ContextType>;
  DataSubjectRequest?: DataSubjectRequestResolvers<ContextType>;
  DataSubjectRequestPayload?: DataSubjectRequestPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventEdge?: EventEdgeResolvers<ContextType>;
  EventIngestResult?: EventIngestResultResolvers<ContextType>;
  FieldError?: FieldErrorResolvers<ContextType>;
  IngestEventsPayload?: IngestEventsPayloadResolvers<ContextType>;
  Invitation?: InvitationResolvers<ContextType>;
  InvitationConnection?: InvitationConnectionResolvers<ContextType>;
  InvitationEdge?: InvitationEdgeResolvers<ContextType>;
  InviteMemberPayload?: InviteMemberPayloadResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  LogOutPayload?: LogOutPayloadResolvers<ContextType>;
  Membership?: MembershipResolvers<ContextType>;
  MembershipConnection?: MembershipConnectionResolvers<ContextType>;
  MembershipEdge?: MembershipEdgeResolvers<ContextType>;
  MembershipPayload?: MembershipPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  OrganizationPayload?: OrganizationPayloadResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PolicyAcceptance?: PolicyAcceptanceResolvers<ContextType>;
  PolicyConsent?: PolicyConsentResolvers<ContextType>;
  PolicyVersions?: PolicyVersionsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RemoveMemberPayload?: RemoveMemberPayloadResolvers<ContextType>;
  RevokeApiKeyPayload?: RevokeApiKeyPayloadResolvers<ContextType>;
  RevokeInvitationPayload?: RevokeInvitationPayloadResolvers<ContextType>;
  RevokeSessionPayload?: RevokeSessionPayloadResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = CoreContext> = ResolversObject<{
  allowedBeforeConsent?: AllowedBeforeConsentDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  rateLimit?: RateLimitDirectiveResolver<any, any, ContextType>;
}>;
