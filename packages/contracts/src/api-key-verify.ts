import { z } from 'zod';
import { roles } from '@flowgraph/kernel';

/** Core's `POST /internal/api-keys/verify`: the gateway asks Core, which owns the keys, what a key grants. */
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';

export const apiKeyVerifyRequest = z.object({
  key: z.string({ error: 'Must be an API key' }).min(1, 'Must be an API key').max(512, 'Must be an API key'),
});

export const apiKeyVerifyResponse = z.object({
  apiKeyId: z.string().min(1),
  userId: z.string().min(1),
  orgId: z.string().min(1),
  role: z.enum(roles),
  scopes: z.array(z.string()),
  // Optional so a Core that predates client binding still verifies keys (as unbound ones).
  clientName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .nullish(),
});

export type ApiKeyVerifyRequest = z.infer<typeof apiKeyVerifyRequest>;
export type ApiKeyVerifyResponse = z.infer<typeof apiKeyVerifyResponse>;
