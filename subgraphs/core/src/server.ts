import {
  loadPackageSchema,
  startSubgraphServer,
  type Logger,
  type Redis,
  type RunningServer,
  type ServiceMetrics,
  type SubgraphResolvers,
} from '@flowgraph/kernel';
import { Queue } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { policyVersionsOf } from '@flowgraph/contracts';
import type { CoreConfig } from './config';
import { createContextFactory, type CoreContext } from './context';
import { apiKeyVerifyRoute } from './modules/api-keys/api-key.route';
import { AccessRevocations } from './modules/auth/access-revocation';
import { LoginThrottle } from './modules/auth/login-throttle';
import { PasswordHasher } from './modules/auth/password.hasher';
import { internalEventsRoute } from './modules/events/internal-events.route';
import { enqueueDataSubjectRequest } from './modules/data-subject/data-subject.worker';
import { exportDownloadRoute } from './modules/data-subject/export-download.route';
import { QUEUES, bullPrefix } from './jobs/queues';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export type CoreServerConfig = Pick<
  CoreConfig,
  | 'IDENTITY_SECRET'
  | 'JWT_SECRET'
  | 'REDIS_PREFIX'
  | 'REFRESH_TOKEN_TTL_SECONDS'
  | 'INVITATION_TTL_SECONDS'
  | 'ARGON2_MEMORY_KIB'
  | 'ARGON2_TIME_COST'
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'LOGIN_FAILURE_WINDOW_SECONDS'
  | 'PRIVACY_POLICY_VERSION'
  | 'TERMS_OF_SERVICE_VERSION'
>;

export interface CoreServerDeps {
  orm: MikroORM;
  redis: Redis;
  logger: Logger;
  config: CoreServerConfig;
  /** Where requests, operations and SQL are counted (`startServiceMetrics`). Default: none. */
  metrics?: ServiceMetrics;
}

/** ingestEvents takes up to 1,000 events of up to 16 KiB each. */
const BODY_LIMIT = '20mb';

/** Wiring only: the core subgraph on `port` (0 picks a free one). */
export async function startCoreServer(deps: CoreServerDeps, port = 0, host?: string): Promise<RunningServer> {
  const { config } = deps;
  const hasher = new PasswordHasher({ memoryCost: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST });
  const throttle = new LoginThrottle({
    redis: deps.redis,
    prefix: config.REDIS_PREFIX,
    perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
  });
  const revocations = new AccessRevocations(deps.redis, config.REDIS_PREFIX);
  const dataSubjectQueue = new Queue(QUEUES.dataSubject, { connection: deps.redis, prefix: bullPrefix(config.REDIS_PREFIX) });
  const server = await startSubgraphServer<CoreContext>(
    {
      name: 'core',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<CoreContext>,
      orm: deps.orm,
      logger: deps.logger,
      identitySecret: config.IDENTITY_SECRET,
      extendContext: createContextFactory({
        auth: { hasher, throttle, revocations, jwtSecret: config.JWT_SECRET, refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS },
        memberships: { revocations },
        invitations: { revocations, ttlSeconds: config.INVITATION_TTL_SECONDS },
        policyConsent: { current: policyVersionsOf(config) },
        dataSubject: {
          redis: deps.redis,
          redisPrefix: config.REDIS_PREFIX,
          linkSecret: config.IDENTITY_SECRET,
          enqueue: (requestId) => enqueueDataSubjectRequest(dataSubjectQueue, requestId),
        },
      }),
      readinessChecks: { redis: () => deps.redis.ping() },
      routes: (app) => {
        apiKeyVerifyRoute({ orm: deps.orm, identitySecret: config.IDENTITY_SECRET, logger: deps.logger })(app);
        exportDownloadRoute({ orm: deps.orm, identitySecret: config.IDENTITY_SECRET, logger: deps.logger })(app);
        internalEventsRoute({ orm: deps.orm, identitySecret: config.IDENTITY_SECRET, logger: deps.logger, bodyLimit: BODY_LIMIT })(app);
      },
      bodyLimit: BODY_LIMIT,
      metrics: deps.metrics,
    },
    port,
    host,
  );
  return {
    ...server,
    async stop() {
      await server.stop();
      await dataSubjectQueue.close();
    },
  };
}
