import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Providers as stored (the `provider` check constraint lists the same values). */
export const integrationProviders = ['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http'] as const;
export type IntegrationProviderValue = (typeof integrationProviders)[number];

export const IntegrationEntity = defineEntity({
  name: 'Integration',
  tableName: 'integration.user_integrations',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    provider: p.enum([...integrationProviders]),
    displayName: p.text(),
    isActive: p.boolean(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Integration = InferEntity<typeof IntegrationEntity>;
