import { loadIntegrationConfig, resolveEndpoints, resolveRateLimit } from '../src/config';
import { slackConnector } from '../src/modules/connectors/slack/slack.connector';

it("overrides a connector's endpoints and rate limit from the environment, and refuses malformed values", () => {
  const defaults = loadIntegrationConfig({});
  expect(resolveEndpoints(slackConnector, defaults)).toEqual({ api: 'https://slack.com/api' });
  expect(resolveRateLimit(slackConnector, defaults)).toEqual(slackConnector.rateLimit);
  const overridden = loadIntegrationConfig({ CONNECTOR_SLACK_API_URL: 'http://127.0.0.1:9/api', CONNECTOR_SLACK_RATE_LIMIT: '100/60' });
  expect(resolveEndpoints(slackConnector, overridden)).toEqual({ api: 'http://127.0.0.1:9/api' });
  expect(resolveRateLimit(slackConnector, overridden)).toEqual({ requests: 100, perSeconds: 60 });
  expect(() => loadIntegrationConfig({ CONNECTOR_SLACK_RATE_LIMIT: 'lots' })).toThrow(
    /CONNECTOR_SLACK_RATE_LIMIT: Must be <requests>\/<seconds>/,
  );
  expect(() => loadIntegrationConfig({ CONNECTOR_SLACK_RATE_LIMIT: '0/60' })).toThrow(/at least 1/);
  expect(() => loadIntegrationConfig({ CONNECTOR_SLACK_API_URL: 'not a url' })).toThrow(/CONNECTOR_SLACK_API_URL/);
});
