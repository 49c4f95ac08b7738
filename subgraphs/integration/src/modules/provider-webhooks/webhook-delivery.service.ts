import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InternalEventInput, InternalEventResult } from '@flowgraph/contracts';
import type { Logger, SecretKeyring } from '@flowgraph/kernel';
import { connectorOf } from '../connectors/registry';
import { eventPayload } from './event-payload';
import type { ProviderWebhookService } from './provider-webhooks.service';
import type { WebhookHeaders, WebhookRefusal } from './verification';
import { deliveryData, mapDelivery } from './webhook-event-mapping';
import { WebhookSecretRepository } from './webhook-secret.repository';

/** What records the events: Core's client (CoreEventsClient), or a stand-in in tests. */
export interface EventRecorder {
  record(scope: { orgId: string; userId: string }, events: InternalEventInput[]): Promise<InternalEventResult[]>;
}

export interface IncomingDelivery {
  /** The URL's segments, as sent (unchecked). */
  connector: string;
  integrationId: string;
  headers: WebhookHeaders;
  rawBody: Buffer;
}

export type DeliveryOutcome =
  /** Unknown integration, another connector, not connected, or no secret yet: one answer for all. */
  | { status: 'not_found' }
  | { status: 'refused'; reason: WebhookRefusal }
  /** Slack's `url_verification`: answered with its challenge once the signature holds. */
  | { status: 'challenge'; challenge: string }
  | { status: 'duplicate'; deliveryId: string }
  /** A type the connector does not record, or a delivery that maps to no event. */
  | { status: 'ignored'; deliveryId: string; providerEvent: string }
  | { status: 'recorded'; deliveryId: string; eventType: string; eventId: string | null }
  /** Core refused the event itself (its rules): retrying would not help, so the claim stays. */
  | { status: 'invalid'; deliveryId: string; eventType: string };

/** Core's limit for an idempotency key (event.validation.ts). */
const MAX_IDEMPOTENCY_KEY = 200;

/** `webhook:<connector>:<integrationId>:<deliveryId>`; a delivery id that would overflow Core's limit is replaced by its SHA-256. */
export function deliveryIdempotencyKey(connector: string, integrationId: string, deliveryId: string): string {
  const key = `webhook:${connector}:${integrationId}:${deliveryId}`;
  if (key.length <= MAX_IDEMPOTENCY_KEY) return key;
  return `webhook:${connector}:${integrationId}:sha256:${createHash('sha256').update(deliveryId).digest('hex')}`;
}

function parseObject(rawBody: Buffer): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(rawBody.toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    // Slack's slash commands are form-encoded; they verify, then map to no event.
    return {};
  }
}

export interface WebhookDeliveryDeps {
  /** The root entity manager: each delivery forks it (no organization scope: the lookup is SECURITY DEFINER). */
  root: EntityManager;
  keyring: SecretKeyring;
  webhooks: ProviderWebhookService;
  events: EventRecorder;
  logger: Logger;
  now?: () => number;
}

/**
 * A provider's delivery to `/webhooks/<connector>/<integrationId>`, from raw bytes to a Core event:
 * find the integration, verify with its secret, answer Slack's challenge, claim the delivery id,
 * map it, record it in Core attributed to the integration's owner. A failure after the claim
 * releases it and is thrown, so the provider's retry is processed, not taken for a replay; Core's
 * idempotency key makes a second record of the same delivery harmless.
 */
export class WebhookDeliveryService {
  private readonly now: () => number;

  constructor(private readonly deps: WebhookDeliveryDeps) {
    this.now = deps.now ?? Date.now;
  }

  async deliver(delivery: IncomingDelivery): Promise<DeliveryOutcome> {
    const { connector: connectorId, integrationId, headers, rawBody } = delivery;
    const connector = connectorOf(connectorId);
    const webhooks = connector?.webhooks;
    if (!connector || !webhooks) return { status: 'not_found' };
    const target = await new WebhookSecretRepository(this.deps.root.fork(), this.deps.keyring).target(integrationId);
    if (!target || target.connector !== connector.id || target.status !== 'connected' || target.secret === null)
      return { status: 'not_found' };

    const now = this.now();
    const verification = this.deps.webhooks.verify(webhooks.scheme, { headers, rawBody, secret: target.secret, now });
    if (!verification.ok) return { status: 'refused', reason: verification.reason };
    const { deliveryId, eventType: providerEvent } = verification;
    const body = parseObject(rawBody);
    if (webhooks.scheme === 'slack' && body.type === 'url_verification' && typeof body.challenge === 'string') {
      return { status: 'challenge', challenge: body.challenge };
    }
    const mapped =
      webhooks.eventTypes === 'any' || webhooks.eventTypes.includes(providerEvent)
        ? mapDelivery(webhooks.scheme, providerEvent, body)
        : null;
    if (!mapped) return { status: 'ignored', deliveryId, providerEvent };

    const claim = await this.deps.webhooks.claim(connector.id, integrationId, deliveryId);
    if (claim === 'malformed') return { status: 'refused', reason: 'malformed_delivery_id' };
    if (claim === 'replayed') return { status: 'duplicate', deliveryId };
    try {
      const [result] = await this.deps.events.record({ orgId: target.orgId, userId: target.userId }, [
        {
          idempotencyKey: deliveryIdempotencyKey(connector.id, integrationId, deliveryId),
          eventType: mapped.eventType,
          tool: connector.id,
          occurredAt: new Date(now).toISOString(),
          payload: eventPayload(mapped.summary, deliveryData(webhooks.scheme, body)),
        },
      ]);
      if (result?.status === 'INVALID') {
        this.deps.logger.error(
          { integrationId, deliveryId, eventType: mapped.eventType, errors: result.errors },
          'Core refused a webhook event',
        );
        return { status: 'invalid', deliveryId, eventType: mapped.eventType };
      }
      return { status: 'recorded', deliveryId, eventType: mapped.eventType, eventId: result?.eventId ?? null };
    } catch (error) {
      await this.deps.webhooks
        .release(connector.id, integrationId, deliveryId)
        .catch((releaseError: unknown) =>
          this.deps.logger.error(
            { err: releaseError, integrationId, deliveryId },
            'webhook delivery claim not released: a retry will be taken for a replay',
          ),
        );
      throw error;
    }
  }
}
