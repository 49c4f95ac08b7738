import { constantTimeEqual, header, hmacSha256Hex, refuse, type WebhookVerifier } from './verification';

/**
 * GitHub signs the raw body with HMAC-SHA256 and sends `X-Hub-Signature-256: sha256=<hex>`;
 * `X-GitHub-Delivery` is a GUID kept across redeliveries, `X-GitHub-Event` the event name.
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export const githubVerifier: WebhookVerifier = {
  verify({ headers, rawBody, secret }) {
    const signature = header(headers, 'x-hub-signature-256');
    if (!signature) return refuse('missing_signature');
    if (!signature.startsWith('sha256=')) return refuse('malformed_signature');
    if (!constantTimeEqual(`sha256=${hmacSha256Hex(secret, rawBody)}`, signature)) return refuse('signature_mismatch');
    const deliveryId = header(headers, 'x-github-delivery');
    if (!deliveryId) return refuse('missing_delivery_id');
    return { ok: true, deliveryId, eventType: header(headers, 'x-github-event') ?? 'unknown' };
  },
};
