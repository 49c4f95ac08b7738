import { createHmac, randomUUID } from 'node:crypto';
import { createRedis, loadConfig, type Redis } from '@flowgraph/kernel';
import {
  DELIVERY_REPLAY_TTL_SECONDS,
  DeliveryReplayGuard,
  deliveryReplayKey,
} from '../src/modules/provider-webhooks/delivery-replay-guard';
import { ProviderWebhookService, type WebhookConnector } from '../src/modules/provider-webhooks/provider-webhooks.service';
import { SLACK_TIMESTAMP_TOLERANCE_SECONDS } from '../src/modules/provider-webhooks/slack.verifier';
import { MAX_WEBHOOK_BODY_BYTES, type WebhookHeaders } from '../src/modules/provider-webhooks/verification';

/**
 * Fixed vectors, copied from the providers' own documentation.
 * GitHub, "Validating webhook deliveries" (Testing the webhook payload validation):
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
const github = {
  secret: "It's a Secret to Everybody",
  body: 'Hello, World!',
  signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};
/** Slack, "Verifying requests from Slack": https://api.slack.com/authentication/verifying-requests-from-slack */
const slack = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const slackNow = Number(slack.timestamp) * 1000;

/** The same string with its character at `index` replaced by a different one. */
const changeOneByte = (value: string, index = value.length - 1) =>
  value.slice(0, index) + (value[index] === 'a' ? 'b' : 'a') + value.slice(index + 1);

const config = loadConfig();
let redis: Redis;
let prefix: string;
let service: ProviderWebhookService;

beforeAll(() => {
  redis = createRedis(config.REDIS_URL);
  prefix = `${config.REDIS_PREFIX}:test-${randomUUID()}`;
  service = new ProviderWebhookService(new DeliveryReplayGuard(redis, prefix));
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const verify = (connector: WebhookConnector, headers: WebhookHeaders, body: string | Buffer, secret: string, now = Date.now()) =>
  service.verify(connector, { headers, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body), secret, now });

describe('GitHub X-Hub-Signature-256', () => {
  const headers = (signature = github.signature) => ({
    'x-hub-signature-256': signature,
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'x-github-event': 'pull_request',
  });

  it("accepts GitHub's documented example", () => {
    expect(verify('github', headers(), github.body, github.secret)).toEqual({
      ok: true,
      deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      eventType: 'pull_request',
    });
  });

  it('refuses a one-byte change of body, secret or signature', () => {
    expect(verify('github', headers(), changeOneByte(github.body), github.secret)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify('github', headers(), github.body, changeOneByte(github.secret))).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify('github', headers(changeOneByte(github.signature)), github.body, github.secret)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('refuses a signature of another length without throwing, and a missing or unprefixed one', () => {
    expect(verify('github', headers(github.signature.slice(0, -1)), github.body, github.secret)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    expect(verify('github', headers(`${github.signature}00`), github.body, github.secret)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    expect(verify('github', headers(github.signature.replace('sha256=', 'sha1=')), github.body, github.secret)).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verify('github', { 'x-github-delivery': 'd1' }, github.body, github.secret)).toEqual({ ok: false, reason: 'missing_signature' });
  });

  it('refuses a verified delivery without a delivery id (nothing to guard replays with)', () => {
    expect(verify('github', { 'x-hub-signature-256': github.signature }, github.body, github.secret)).toEqual({
      ok: false,
      reason: 'missing_delivery_id',
    });
  });
});

describe('Slack v0 signatures', () => {
  const headers = (signature = slack.signature, timestamp = slack.timestamp) => ({
    'x-slack-signature': signature,
    'x-slack-request-timestamp': timestamp,
  });

  it("accepts Slack's documented example; a slash command is identified by its signature", () => {
    expect(verify('slack', headers(), slack.body, slack.secret, slackNow)).toEqual({
      ok: true,
      deliveryId: slack.signature,
      eventType: 'request',
    });
  });

  it('refuses a one-byte change of body, secret, signature or timestamp', () => {
    const mismatch = { ok: false, reason: 'signature_mismatch' };
    expect(verify('slack', headers(), changeOneByte(slack.body), slack.secret, slackNow)).toEqual(mismatch);
    expect(verify('slack', headers(), slack.body, changeOneByte(slack.secret), slackNow)).toEqual(mismatch);
    expect(verify('slack', headers(changeOneByte(slack.signature)), slack.body, slack.secret, slackNow)).toEqual(mismatch);
    expect(verify('slack', headers(slack.signature, '1531420619'), slack.body, slack.secret, slackNow)).toEqual(mismatch);
  });

  it('accepts a timestamp exactly 5 minutes away in either direction and refuses one second more', () => {
    const window = SLACK_TIMESTAMP_TOLERANCE_SECONDS * 1000;
    for (const now of [slackNow + window, slackNow - window]) {
      expect(verify('slack', headers(), slack.body, slack.secret, now)).toMatchObject({ ok: true });
    }
    for (const now of [slackNow + window + 1000, slackNow - window - 1000]) {
      expect(verify('slack', headers(), slack.body, slack.secret, now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    }
  });

  it('refuses missing or malformed headers, and a signature of another length', () => {
    expect(verify('slack', { 'x-slack-signature': slack.signature }, slack.body, slack.secret, slackNow)).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verify('slack', headers(slack.signature, 'yesterday'), slack.body, slack.secret, slackNow)).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verify('slack', headers(slack.signature.replace('v0=', 'v1=')), slack.body, slack.secret, slackNow)).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verify('slack', headers('v0=abc'), slack.body, slack.secret, slackNow)).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('takes the delivery id and event type of an Events API callback from its body', () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev0PV52K21', event: { type: 'app_mention' } });
    const signature = `v0=${createHmac('sha256', slack.secret).update(`v0:${slack.timestamp}:${body}`).digest('hex')}`;
    expect(verify('slack', headers(signature), body, slack.secret, slackNow)).toEqual({
      ok: true,
      deliveryId: 'Ev0PV52K21',
      eventType: 'app_mention',
    });
  });
});

describe('GitLab X-Gitlab-Token', () => {
  const secret = 'gitlab-secret-token';
  const headers = (token = secret) => ({ 'x-gitlab-token': token, 'x-gitlab-event': 'Merge Request Hook', 'idempotency-key': 'idem-1' });

  it('accepts the configured token and takes the delivery id from Idempotency-Key', () => {
    expect(verify('gitlab', headers(), '{}', secret)).toEqual({ ok: true, deliveryId: 'idem-1', eventType: 'Merge Request Hook' });
  });

  it('falls back to X-Gitlab-Event-UUID before GitLab 17.4, and refuses without either', () => {
    const older = {
      'x-gitlab-token': secret,
      'x-gitlab-event': 'Push Hook',
      'x-gitlab-event-uuid': 'event-1',
      'x-gitlab-webhook-uuid': 'attempt-1',
    };
    expect(verify('gitlab', older, '{}', secret)).toEqual({ ok: true, deliveryId: 'event-1', eventType: 'Push Hook' });
    expect(verify('gitlab', { 'x-gitlab-token': secret, 'x-gitlab-webhook-uuid': 'attempt-1' }, '{}', secret)).toEqual({
      ok: false,
      reason: 'missing_delivery_id',
    });
  });

  it('refuses a one-byte change, a token of another length, and no token', () => {
    expect(verify('gitlab', headers(changeOneByte(secret)), '{}', secret)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify('gitlab', headers(`${secret}x`), '{}', secret)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify('gitlab', { 'x-gitlab-event': 'Push Hook' }, '{}', secret)).toEqual({ ok: false, reason: 'missing_signature' });
  });
});

describe('generic HMAC-SHA256', () => {
  // The generic scheme is GitHub's over another header name, so GitHub's documented vector applies.
  const headers = (signature = github.signature) => ({
    'x-flowgraph-signature': signature,
    'x-flowgraph-delivery': 'd-1',
    'x-flowgraph-event': 'build',
  });

  it('accepts the documented vector and refuses a one-byte change of body, secret or signature', () => {
    expect(verify('generic', headers(), github.body, github.secret)).toEqual({ ok: true, deliveryId: 'd-1', eventType: 'build' });
    expect(verify('generic', headers(), changeOneByte(github.body), github.secret)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify('generic', headers(), github.body, changeOneByte(github.secret))).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify('generic', headers(changeOneByte(github.signature)), github.body, github.secret)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('reads the headers it is configured with', () => {
    const custom = new ProviderWebhookService(new DeliveryReplayGuard(redis, prefix), {
      signature: 'x-acme-signature',
      delivery: 'x-acme-delivery',
      event: 'x-acme-event',
    });
    const headersOf = { 'x-acme-signature': github.signature, 'x-acme-delivery': 'a-1', 'x-acme-event': 'ping' };
    const delivery = { headers: headersOf, rawBody: Buffer.from(github.body), secret: github.secret, now: Date.now() };
    expect(custom.verify('generic', delivery)).toEqual({ ok: true, deliveryId: 'a-1', eventType: 'ping' });
    expect(verify('generic', headersOf, github.body, github.secret)).toEqual({ ok: false, reason: 'missing_signature' });
  });
});

describe('body size', () => {
  it('refuses a body over 1 MiB before verifying it, and accepts one of exactly 1 MiB', () => {
    const secret = 'size-secret';
    const signed = (body: Buffer) => ({
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      'x-github-delivery': 'big',
    });
    const limit = Buffer.alloc(MAX_WEBHOOK_BODY_BYTES, 'a');
    const over = Buffer.alloc(MAX_WEBHOOK_BODY_BYTES + 1, 'a');
    expect(verify('github', signed(limit), limit, secret)).toMatchObject({ ok: true });
    expect(verify('github', signed(over), over, secret)).toEqual({ ok: false, reason: 'body_too_large' });
  });
});

describe('replay guard (real Redis)', () => {
  const delivery = (deliveryId: string) => ({
    headers: { 'x-hub-signature-256': github.signature, 'x-github-delivery': deliveryId, 'x-github-event': 'push' },
    rawBody: Buffer.from(github.body),
    secret: github.secret,
    now: Date.now(),
  });

  it('accepts a delivery once and reports its replay, per connector and integration', async () => {
    const integrationId = randomUUID();
    const deliveryId = randomUUID();
    expect(await service.receive('github', integrationId, delivery(deliveryId))).toEqual({
      status: 'accepted',
      deliveryId,
      eventType: 'push',
    });
    expect(await service.receive('github', integrationId, delivery(deliveryId))).toEqual({ status: 'replayed', deliveryId });
    // The same id under another integration is a different delivery.
    expect(await service.receive('github', randomUUID(), delivery(deliveryId))).toMatchObject({ status: 'accepted' });

    const key = deliveryReplayKey(prefix, 'github', integrationId, deliveryId);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(DELIVERY_REPLAY_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DELIVERY_REPLAY_TTL_SECONDS);
  });

  it('claims nothing for a refused delivery, so a forged copy cannot burn a real delivery id', async () => {
    const integrationId = randomUUID();
    const deliveryId = randomUUID();
    const forged = { ...delivery(deliveryId), secret: 'wrong' };
    expect(await service.receive('github', integrationId, forged)).toEqual({ status: 'refused', reason: 'signature_mismatch' });
    expect(await service.receive('github', integrationId, delivery(deliveryId))).toMatchObject({ status: 'accepted' });
  });

  it('refuses a delivery id that is not 1 to 150 printable characters, before claiming it', async () => {
    const integrationId = randomUUID();
    for (const deliveryId of ['has space', 'x'.repeat(151)]) {
      expect(await service.receive('github', integrationId, delivery(deliveryId))).toEqual({
        status: 'refused',
        reason: 'malformed_delivery_id',
      });
    }
    expect(await service.receive('github', integrationId, delivery('x'.repeat(150)))).toMatchObject({ status: 'accepted' });
    expect(await redis.exists(deliveryReplayKey(prefix, 'github', integrationId, 'x'.repeat(151)))).toBe(0);
  });

  it('lets exactly one of concurrent copies through', async () => {
    const integrationId = randomUUID();
    const deliveryId = randomUUID();
    const receipts = await Promise.all(Array.from({ length: 10 }, () => service.receive('github', integrationId, delivery(deliveryId))));
    expect(receipts.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(receipts.filter((r) => r.status === 'replayed')).toHaveLength(9);
  });
});
