import { constantTimeEqual, header, hmacSha256Hex, refuse, type WebhookVerifier } from './verification';

/** Slack's documented window: a request timestamp further than this from now, either way, is refused. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * Slack sends `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` and the
 * timestamp in `X-Slack-Request-Timestamp`.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 *
 * Slack sends no delivery header: an Events API callback carries `event_id` in its JSON body (the
 * same on Slack's retries); other requests (slash commands, interactivity) are identified by their
 * signature, which a replay within the window repeats exactly.
 */
export const slackVerifier: WebhookVerifier = {
  verify({ headers, rawBody, secret, now }) {
    const signature = header(headers, 'x-slack-signature');
    const timestamp = header(headers, 'x-slack-request-timestamp');
    if (!signature || !timestamp) return refuse('missing_signature');
    if (!signature.startsWith('v0=') || !/^\d{1,12}$/.test(timestamp)) return refuse('malformed_signature');
    if (Math.abs(now / 1000 - Number(timestamp)) > SLACK_TIMESTAMP_TOLERANCE_SECONDS) return refuse('stale_timestamp');
    if (!constantTimeEqual(`v0=${hmacSha256Hex(secret, `v0:${timestamp}:`, rawBody)}`, signature)) return refuse('signature_mismatch');
    const callback = parseEventCallback(rawBody);
    return { ok: true, deliveryId: callback?.eventId ?? signature, eventType: callback?.eventType ?? 'request' };
  },
};

/** `event_id` and `event.type` (else the top-level `type`, e.g. url_verification) of a JSON body, when it is one. */
function parseEventCallback(rawBody: Buffer): { eventId?: string; eventType?: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { event_id: eventId, event, type } = body as { event_id?: unknown; event?: { type?: unknown }; type?: unknown };
  const eventType = typeof event?.type === 'string' ? event.type : type;
  return {
    eventId: typeof eventId === 'string' && eventId ? eventId : undefined,
    eventType: typeof eventType === 'string' && eventType ? eventType : undefined,
  };
}
