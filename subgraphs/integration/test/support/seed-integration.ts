import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inScopedTransaction, type SecretKeyring } from '@flowgraph/kernel';
import { CredentialStore, type StoredCredentials } from '../../src/modules/credentials/credential-store';
import type { IntegrationProviderValue } from '../../src/modules/integrations/integration.entity';
import { IntegrationRepository } from '../../src/modules/integrations/integration.repository';

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
  const id = await inScopedTransaction(orm.em as EntityManager, { orgId, userId }, async (em) => {
    const repository = new IntegrationRepository(em);
    const integration = repository.create({ orgId, userId, provider, displayName: `${provider} of ${userId.slice(0, 8)}` });
    await repository.flush();
    if (credentials) await new CredentialStore(em, keyring).save(orgId, integration.id, credentials);
    return integration.id;
  });
  return { id, orgId, userId };
}
