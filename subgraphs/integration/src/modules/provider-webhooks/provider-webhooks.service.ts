import type { DeliveryReplayGuard } from './delivery-replay-guard';
import { genericVerifier, GENERIC_WEBHOOK_HEADERS, type GenericHeaders } from './generic.verifier';
import { githubVerifier } from './github.verifier';
import { gitlabVerifier } from './gitlab.verifier';
import { slackVerifier } from './slack.verifier';
import {
  MAX_WEBHOOK_BODY_BYTES,
  refuse,
  WEBHOOK_SCHEMES,
  type WebhookDelivery,
  type WebhookRefusal,
  type WebhookScheme,
  type WebhookVerification,
  type WebhookVerifier,
} from './verification';

export const WEBHOOK_CONNECTORS = WEBHOOK_SCHEMES;
export type WebhookConnector = WebhookScheme;

/** A delivery id becomes part of a Redis key: printable ASCII, bounded (the Workflow triggers' webhook rule). */
const DELIVERY_ID = /^[\x21-\x7e]{1,150}$/;

export const isWebhookConnector = (value: string): value is WebhookConnector => (WEBHOOK_CONNECTORS as readonly string[]).includes(value);

/** `malformed`: the id cannot be a replay key (see DELIVERY_ID). */
export type DeliveryClaim = 'claimed' | 'replayed' | 'malformed';

export type WebhookReceipt =
  | { status: 'accepted'; deliveryId: string; eventType: string }
  | { status: 'replayed'; deliveryId: string }
  | { status: 'refused'; reason: WebhookRefusal };

/**
 * Verifies provider webhook deliveries and ignores replays. The route
 * `POST /webhooks/<connector>/<integrationId>` (webhook-delivery.service.ts) verifies, then claims
 * the delivery id, and releases the claim when processing fails so the provider's retry is processed.
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

  /**
   * Claims a verified delivery's id (atomic across processes). `connector` names the key space:
   * the scheme in `receive`, the connector id on the route.
   */
  async claim(connector: string, integrationId: string, deliveryId: string): Promise<DeliveryClaim> {
    if (!DELIVERY_ID.test(deliveryId)) return 'malformed';
    return (await this.replayGuard.claim(connector, integrationId, deliveryId)) ? 'claimed' : 'replayed';
  }

  /** Forgets a claim whose processing failed, so the provider's redelivery is processed rather than taken for a replay. */
  release(connector: string, integrationId: string, deliveryId: string): Promise<void> {
    return this.replayGuard.release(connector, integrationId, deliveryId);
  }

  /** Verifies, then claims the delivery id; only an unforged, first-seen delivery is `accepted`. */
  async receive(connector: WebhookConnector, integrationId: string, delivery: WebhookDelivery): Promise<WebhookReceipt> {
    const verification = this.verify(connector, delivery);
    if (!verification.ok) return { status: 'refused', reason: verification.reason };
    const { deliveryId, eventType } = verification;
    const claim = await this.claim(connector, integrationId, deliveryId);
    if (claim === 'malformed') return { status: 'refused', reason: 'malformed_delivery_id' };
    return claim === 'replayed' ? { status: 'replayed', deliveryId } : { status: 'accepted', deliveryId, eventType };
  }
}
