import { z } from 'zod';
import { listenShape, loadConfig } from '@flowgraph/kernel';
import { policyVersionsShape } from '@flowgraph/contracts';

/** Core's settings on top of the kernel's; each has a safe local default. */
export const coreConfigShape = {
  ...listenShape(4001),
  /** A refresh token (and so a logged-in device) lives this long after its last use. */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(30 * 24 * 3600),
  /** An invitation's token works this long (7 days by default) unless accepted or revoked first. */
  INVITATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3600),
  /** argon2id cost: OWASP's minimum (19 MiB, 2 passes). Tests lower it to stay fast. */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  /** Failed logins allowed per account and per IP within the window before RATE_LIMITED. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /** The privacy policy and terms in force (both unset: none published, nobody is asked to accept). */
  ...policyVersionsShape,
};

export const loadCoreConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(coreConfigShape, env);
export type CoreConfig = ReturnType<typeof loadCoreConfig>;
