import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { healthStatuses } from '../health/health-status';

/** Providers as stored (the `provider` check constraint lists the same values). */
export const integrationProviders = ['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http'] as const;
export type IntegrationProviderValue = (typeof integrationProviders)[number];

/** pending: an OAuth flow started and not completed; disconnected: credentials revoked and removed. */
export const integrationStatuses = ['pending', 'connected', 'disconnected'] as const;
export type IntegrationStatus = (typeof integrationStatuses)[number];

export const IntegrationEntity = defineEntity({
  name: 'Integration',
  tableName: 'integration.user_integrations',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    provider: p.enum([...integrationProviders]),
    displayName: p.text(),
    /** True exactly when `status` is connected (kept for the indexes and the API's `isActive`). */
    isActive: p.boolean(),
    status: p.enum([...integrationStatuses]),
    disconnectedAt: p.datetime(3).nullable(),
    /** Written by health checks only (health.repository.ts); null until the first check. */
    healthStatus: p.enum([...healthStatuses]).nullable(),
    /** Why the last check was not healthy; never carries a credential. */
    healthError: p.text().nullable(),
    healthCheckedAt: p.datetime(3).nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Integration = InferEntity<typeof IntegrationEntity>;
