import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inScopedTransaction, type SecretKeyring } from '@flowgraph/kernel';
import type { IntegrationProviderValue } from '../modules/integrations/integration.entity';
import { CredentialStore, type StoredCredentials } from '../modules/credentials/credential-store';
import { IntegrationRepository } from '../modules/integrations/integration.repository';

/** A connected integration with stored credentials (or none), as a completed connection leaves it (tests and benches). */
export async function seedConnectedIntegration(
  orm: MikroORM,
  keyring: SecretKeyring,
  seed: { orgId: string; userId: string; provider: IntegrationProviderValue; credentials: StoredCredentials | null; displayName?: string },
): Promise<string> {
  return inScopedTransaction(orm.em as EntityManager, { orgId: seed.orgId, userId: seed.userId }, async (em) => {
    const repository = new IntegrationRepository(em);
    const integration = repository.create({
      orgId: seed.orgId,
      userId: seed.userId,
      provider: seed.provider,
      displayName: seed.displayName ?? seed.provider,
    });
    await repository.flush();
    if (seed.credentials) await new CredentialStore(em, keyring).save(seed.orgId, integration.id, seed.credentials);
    return integration.id;
  });
}
