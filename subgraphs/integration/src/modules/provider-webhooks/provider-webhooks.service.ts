import type { DeliveryReplayGuard } from './delivery-replay-guard';
import { genericVerifier, GENERIC_WEBHOOK_HEADERS, type GenericHeaders } from './generic.verifier';
import { githubVerifier } from './github.verifier';
import { gitlabVerifier } from './gitlab.verifier';
import { slackVerifier } from './slack.verifier';
import {
  MAX_WEBHOOK_BODY_BYTES,
  refuse,
  type WebhookDelivery,
  type WebhookRefusal,
  type WebhookVerification,
  type WebhookVerifier,
} from './verification';

export const WEBHOOK_CONNECTORS = ['github', 'gitlab', 'slack', 'generic'] as const;
export type WebhookConnector = (typeof WEBHOOK_CONNECTORS)[number];

/** A delivery id becomes part of a Redis key: printable ASCII, bounded (the Workflow triggers' webhook rule). */
const DELIVERY_ID = /^[\x21-\x7e]{1,150}$/;

export const isWebhookConnector = (value: string): value is WebhookConnector => (WEBHOOK_CONNECTORS as readonly string[]).includes(value);

export type WebhookReceipt =
  | { status: 'accepted'; deliveryId: string; eventType: string }
  | { status: 'replayed'; deliveryId: string }
  | { status: 'refused'; reason: WebhookRefusal };

/**
 * Verifies provider webhook deliveries and ignores replays. The gateway route
 * `POST /webhooks/<connector>/<integrationId>` (not built yet) calls `receive` with the raw body
 * and the integration's stored secret.
 */
export class ProviderWebhookService {
  private readonly verifiers: Record<WebhookConnector, WebhookVerifier>;

  constructor(
    private readonly replayGuard: DeliveryReplayGuard,
    genericHeaders: GenericHeaders = GENERIC_WEBHOOK_HEADERS,
  ) {
    this.verifiers = { github: githubVerifier, gitlab: gitlabVerifier, slack: slackVerifier, generic: genericVerifier(genericHeaders) };
  }

  /** Checks size and signature only; no state. */
  verify(connector: WebhookConnector, delivery: WebhookDelivery): WebhookVerification {
    if (delivery.rawBody.length > MAX_WEBHOOK_BODY_BYTES) return refuse('body_too_large');
    return this.verifiers[connector].verify(delivery);
  }

  /** Verifies, then claims the delivery id; only an unforged, first-seen delivery is `accepted`. */
  async receive(connector: WebhookConnector, integrationId: string, delivery: WebhookDelivery): Promise<WebhookReceipt> {
    const verification = this.verify(connector, delivery);
    if (!verification.ok) return { status: 'refused', reason: verification.reason };
    if (!DELIVERY_ID.test(verification.deliveryId)) return { status: 'refused', reason: 'malformed_delivery_id' };
    const first = await this.replayGuard.claim(connector, integrationId, verification.deliveryId);
    if (!first) return { status: 'replayed', deliveryId: verification.deliveryId };
    return { status: 'accepted', deliveryId: verification.deliveryId, eventType: verification.eventType };
  }
}
