export { startIntegrationServer, typeDefs } from './server';
export { entities } from './entities';
export { loadIntegrationConfig, type IntegrationConfig } from './config';
export { migrationPlan } from '../migrations';
export { ProviderWebhookService, isWebhookConnector, WEBHOOK_CONNECTORS } from './modules/provider-webhooks/provider-webhooks.service';
export type { WebhookConnector, WebhookReceipt } from './modules/provider-webhooks/provider-webhooks.service';
export { DeliveryReplayGuard, DELIVERY_REPLAY_TTL_SECONDS } from './modules/provider-webhooks/delivery-replay-guard';
export type { WebhookDelivery, WebhookRefusal } from './modules/provider-webhooks/verification';
