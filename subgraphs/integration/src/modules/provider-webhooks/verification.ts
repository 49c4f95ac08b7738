import { createHmac, timingSafeEqual } from 'node:crypto';

/** Deliveries larger than this are refused before any hashing: no provider sends more, and a MAC over a flood costs CPU. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** A way of proving a delivery's origin: one per provider, and `generic` for senders without their own. */
export const WEBHOOK_SCHEMES = ['github', 'gitlab', 'slack', 'generic'] as const;
export type WebhookScheme = (typeof WEBHOOK_SCHEMES)[number];

/** Incoming HTTP headers as Node gives them (names lowercased); a repeated header arrives as an array. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface WebhookDelivery {
  headers: WebhookHeaders;
  /** The body exactly as received: providers sign bytes, not parsed JSON. */
  rawBody: Buffer;
  secret: string;
  /** Milliseconds since the epoch; only Slack's timestamp window reads it. */
  now: number;
}

export type WebhookRefusal =
  | 'body_too_large'
  | 'missing_signature'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'stale_timestamp'
  | 'missing_delivery_id'
  | 'malformed_delivery_id';

export type WebhookVerification = { ok: true; deliveryId: string; eventType: string } | { ok: false; reason: WebhookRefusal };

/** One provider's way of proving a delivery came from it. */
export interface WebhookVerifier {
  verify(delivery: WebhookDelivery): WebhookVerification;
}

export const refuse = (reason: WebhookRefusal): WebhookVerification => ({ ok: false, reason });

/** A header's value; a header sent twice is ambiguous, so it counts as absent. */
export function header(headers: WebhookHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Constant-time equality; a length mismatch is a plain `false` (timingSafeEqual would throw on it). */
export function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacSha256Hex(secret: string, ...parts: (string | Buffer)[]): string {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}
