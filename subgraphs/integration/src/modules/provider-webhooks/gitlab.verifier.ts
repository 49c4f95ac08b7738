import { constantTimeEqual, header, refuse, type WebhookVerifier } from './verification';

/**
 * GitLab does not sign: it sends the configured secret token as `X-Gitlab-Token`, compared here
 * in constant time. The delivery id is `Idempotency-Key` (GitLab 17.4+, the same on every retry of
 * one delivery), else `X-Gitlab-Event-UUID` (one per event); `X-Gitlab-Webhook-UUID` changes on
 * each attempt, so it cannot detect a replay. `X-Gitlab-Event` names the event ("Push Hook").
 * https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers
 */
export const gitlabVerifier: WebhookVerifier = {
  verify({ headers, secret }) {
    const token = header(headers, 'x-gitlab-token');
    if (!token) return refuse('missing_signature');
    if (!constantTimeEqual(secret, token)) return refuse('signature_mismatch');
    const deliveryId = header(headers, 'idempotency-key') ?? header(headers, 'x-gitlab-event-uuid');
    if (!deliveryId) return refuse('missing_delivery_id');
    return { ok: true, deliveryId, eventType: header(headers, 'x-gitlab-event') ?? 'unknown' };
  },
};
