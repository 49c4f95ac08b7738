import { constantTimeEqual, header, hmacSha256Hex, refuse, type WebhookVerifier } from './verification';

export interface GenericHeaders {
  /**
   * Carries `sha256=<hex HMAC-SHA256 of the raw body>`. Workflow's trigger webhooks use the same
   * header name with another value (`t=…,v1=…`) on another path (`/webhooks/<triggerId>`): no clash.
   */
  signature: string;
  delivery: string;
  /** Names the event; when absent, the JSON body's `type` does. */
  event: string;
}

export const GENERIC_WEBHOOK_HEADERS: GenericHeaders = {
  signature: 'x-flowgraph-signature',
  delivery: 'x-flowgraph-delivery',
  event: 'x-flowgraph-event',
};

/** The JSON body's top-level `type`, when the sender names its event there instead of in a header. */
function typeField(rawBody: Buffer): string | undefined {
  try {
    const type = (JSON.parse(rawBody.toString('utf8')) as { type?: unknown } | null)?.type;
    return typeof type === 'string' && type ? type : undefined;
  } catch {
    return undefined;
  }
}

/** For senders without a scheme of their own: HMAC-SHA256 of the raw body, hex, in a configurable header. */
export function genericVerifier(names: GenericHeaders = GENERIC_WEBHOOK_HEADERS): WebhookVerifier {
  return {
    verify({ headers, rawBody, secret }) {
      const signature = header(headers, names.signature);
      if (!signature) return refuse('missing_signature');
      if (!signature.startsWith('sha256=')) return refuse('malformed_signature');
      if (!constantTimeEqual(`sha256=${hmacSha256Hex(secret, rawBody)}`, signature)) return refuse('signature_mismatch');
      const deliveryId = header(headers, names.delivery);
      if (!deliveryId) return refuse('missing_delivery_id');
      return { ok: true, deliveryId, eventType: header(headers, names.event) ?? typeField(rawBody) ?? 'unknown' };
    },
  };
}
