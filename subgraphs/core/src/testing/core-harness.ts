import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createLogger,
  createOrm,
  createRedis,
  verifyAccessToken,
  type Identity,
  type Redis,
  type Role,
  type RunningServer,
} from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, uniqueName, type GraphQLResponse, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadCoreConfig, type CoreConfig } from '../config';
import { entities } from '../entities';
import { startCoreServer } from '../server';

/** A core subgraph on its own database and Redis prefix, for one test file. */
/** A GraphQL answer read without a declared type (tests pick the fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyData = Record<string, any>;

export interface CoreHarness {
  db: TestDatabase;
  orm: MikroORM;
  redis: Redis;
  server: RunningServer;
  config: CoreConfig;
  call<T = AnyData>(query: string, variables?: Record<string, unknown>, identity?: Partial<Identity>): Promise<GraphQLResponse<T>>;
  /** Runs SQL as the database owner (sees everything; for assertions). */
  owner<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** `env`: settings of this test's Core on top of the environment (e.g. the policy versions in force). */
export async function startCoreHarness(name: string, env: Record<string, string> = {}): Promise<CoreHarness> {
  const db = await createTestDatabase(name);
  const config = loadCoreConfig({
    ...process.env,
    ...env,
    REDIS_PREFIX: uniqueName(`fgtest_${name}`),
    // argon2 at its lowest cost so tests stay fast; production keeps the config defaults.
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
  });
  const orm = await createOrm({ url: db.appUrl, entities });
  const redis = createRedis(config.REDIS_URL);
  const logger = createLogger('core', process.env.TEST_LOG ?? 'silent');
  const server = await startCoreServer({ orm, redis, logger, config });
  const ownerClient = new Client({ connectionString: db.ownerUrl });
  await ownerClient.connect();
  return {
    db,
    orm,
    redis,
    server,
    config,
    call: (query, variables = {}, identity = {}) => postGraphQL(server.url, query, variables, { identity, secret: config.IDENTITY_SECRET }),
    owner: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await ownerClient.query(sql, params)).rows as T[],
    async close() {
      await server.stop();
      await orm.close(true);
      const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await ownerClient.end();
      await db.drop();
    },
  };
}

export const AUTH_FIELDS =
  'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt role user { id email } organization { id name }';

export interface Account {
  email: string;
  password: string;
  userId: string;
  orgId: string;
  refreshToken: string;
  /** The identity the gateway would forward for this account's access token. */
  identity: Partial<Identity> & { userId: string; orgId: string; role: Role; sessionId: string };
}

/** The identity the gateway derives from an access token. */
export async function identityOf(h: CoreHarness, accessToken: string, extra: Partial<Identity> = {}): Promise<Account['identity']> {
  const claims = await verifyAccessToken(accessToken, h.config.JWT_SECRET);
  return {
    userId: claims.userId,
    orgId: claims.orgId,
    role: claims.role,
    sessionId: claims.sessionId,
    authMethod: 'jwt',
    ip: '10.0.0.1',
    ...extra,
  };
}

export async function signUp(h: CoreHarness, options: { email?: string; organizationName?: string } = {}): Promise<Account> {
  const email = options.email ?? `${randomUUID()}@example.test`;
  const password = 'correct horse battery';
  const response = await h.call(
    `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password, name: 'Test User', organizationName: options.organizationName ?? 'Acme' } },
    { ip: '10.0.0.1', userAgent: 'jest' },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  const payload = response.data!.signUp;
  const identity = await identityOf(h, payload.accessToken);
  return { email, password, userId: payload.user.id, orgId: payload.organization.id, refreshToken: payload.refreshToken, identity };
}

/** `admin` invites `email` to their organization; returns the invitation's id and token. */
export async function invite(
  h: CoreHarness,
  admin: Pick<Account, 'identity'>,
  email: string,
  role: Role,
): Promise<{ invitationId: string; token: string }> {
  const response = await h.call(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id } } }`,
    { input: { email, role: role.toUpperCase() } },
    admin.identity,
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return { invitationId: response.data!.inviteMember.invitation.id, token: response.data!.inviteMember.token };
}

/**
 * Adds `account` to `owner`'s organization with `role`, by invitation; returns the membership id
 * and the identity acting there. Accepting rotates the account's session into that organization,
 * so `account.refreshToken` is replaced by the new one.
 */
export async function addMember(
  h: CoreHarness,
  owner: Account,
  account: Account,
  role: Role,
): Promise<{ membershipId: string; identity: Account['identity'] }> {
  const { token } = await invite(h, owner, account.email, role);
  const response = await h.call(
    `mutation($token: String!) { acceptInvitation(token: $token) { accessToken refreshToken user { memberships { id organization { id } } } } }`,
    { token },
    account.identity,
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  const accepted = response.data!.acceptInvitation;
  account.refreshToken = accepted.refreshToken;
  const membership = (accepted.user.memberships as { id: string; organization: { id: string } }[]).find(
    (m) => m.organization.id === owner.orgId,
  );
  return { membershipId: membership!.id, identity: await identityOf(h, accepted.accessToken) };
}

export const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
