import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SecretKeyring } from '@flowgraph/kernel';
import type { StoredCredentials } from '../../src/modules/credentials/credential-store';
import type { IntegrationProviderValue } from '../../src/modules/integrations/integration.entity';
import { seedConnectedIntegration } from '../../src/testing/seed';

export interface SeededIntegration {
  id: string;
  orgId: string;
  userId: string;
}

/** A connected integration of a new owner (in `orgId`, or a new organization), with credentials when given. */
export async function seedIntegration(
  orm: MikroORM,
  keyring: SecretKeyring,
  provider: IntegrationProviderValue,
  credentials: StoredCredentials | null,
  orgId: string = randomUUID(),
): Promise<SeededIntegration> {
  const userId = randomUUID();
  const displayName = `${provider} of ${userId.slice(0, 8)}`;
  const id = await seedConnectedIntegration(orm, keyring, { orgId, userId, provider, credentials, displayName });
  return { id, orgId, userId };
}
