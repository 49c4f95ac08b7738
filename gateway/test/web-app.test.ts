import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createLogger, createRedis, type Redis } from '@flowgraph/kernel';
import { uniqueName } from '@flowgraph/kernel/testing';
import { loadGatewayConfig } from '../src/config';
import { startGateway, type RunningGateway } from '../src/server';
import { webApp } from '../src/web-app';

/** A build as Vite writes it: the app's page, the explorer's page and one hashed asset. */
const dist = mkdtempSync(join(tmpdir(), 'fg-web-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(dist, 'explorer.html'), '<!doctype html><title>explorer</title>');
writeFileSync(join(dist, 'assets', 'x.js'), 'export {};');

const page = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let server: http.Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.use(webApp(dist)!);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

describe('webApp', () => {
  it('answers page loads with index.html under the app policy, uncached', async () => {
    for (const path of ['/', '/workflows', '/workflows/w1/runs', '/login?next=x']) {
      const response = await fetch(`${origin}${path}`, { headers: page });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>app</title>');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self';/);
      expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers /explorer with explorer.html under the same policy', async () => {
    const response = await fetch(`${origin}/explorer`, { headers: page });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>explorer</title>');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self';/);
  });

  it('leaves API calls alone: JSON on an app path, and the API paths', async () => {
    const json = await fetch(`${origin}/workflows`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404); // nothing else is mounted here; the gateway's legacy redirect would take it
    expect(await json.text()).not.toContain('<title>app</title>');
    const anything = await fetch(`${origin}/workflows`, { headers: { accept: '*/*' } });
    expect(await anything.text()).not.toContain('<title>app</title>');
    for (const path of ['/api/v1/workflows', '/oauth/callback', '/healthz']) {
      const response = await fetch(`${origin}${path}`, { headers: page });
      expect(response.status).toBe(404);
    }
  });

  it('serves assets for a year and answers a missing one 404, not with the page', async () => {
    const asset = await fetch(`${origin}/assets/x.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${origin}/assets/nope.js`, { headers: page });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<title>app</title>');
  });

  it('sends a browser opening /graphql to the explorer, and no API client', async () => {
    const browser = await fetch(`${origin}/graphql`, { headers: page, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/explorer');
    const client = await fetch(`${origin}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(client.status).toBe(404); // passed on to the graph, which is not mounted here
  });

  it('serves neither /explorer nor the redirect from a build without explorer.html', async () => {
    const old = mkdtempSync(join(tmpdir(), 'fg-web-old-'));
    writeFileSync(join(old, 'index.html'), '<!doctype html><title>app</title>');
    const app = express();
    app.use(webApp(old)!);
    const oldServer = http.createServer(app);
    await new Promise<void>((resolve) => oldServer.listen(0, '127.0.0.1', resolve));
    const oldOrigin = `http://127.0.0.1:${(oldServer.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${oldOrigin}/explorer`, { headers: page })).status).toBe(404);
      expect((await fetch(`${oldOrigin}/graphql`, { headers: page, redirect: 'manual' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => oldServer.close(resolve));
      rmSync(old, { recursive: true, force: true });
    }
  });

  it('is absent when the folder holds no build', () => {
    expect(webApp(undefined)).toBeUndefined();
    expect(webApp(join(dist, 'assets'))).toBeUndefined();
  });
});

/**
 * The gateway's wiring: the web app is mounted before /graphql, so a browser's GET never reaches
 * Apollo (whose landing page is off). No subgraphs are needed for that: the gateway plans from
 * its supergraph file and only calls them to run operations.
 */
describe('the gateway', () => {
  let gateway: RunningGateway;
  let redis: Redis;

  beforeAll(async () => {
    const config = loadGatewayConfig({
      ...process.env,
      NODE_ENV: 'development',
      WEB_APP_DIR: dist,
      REDIS_PREFIX: uniqueName('gwweb'),
      TRUSTED_DOCUMENTS_RELOAD_MS: '0',
    });
    redis = createRedis(config.REDIS_URL);
    gateway = await startGateway({ config, logger: createLogger('gateway', 'silent'), redis }, 0, '127.0.0.1');
  });

  afterAll(async () => {
    await gateway?.stop();
    redis?.disconnect();
  });

  it('redirects a browser opening /graphql to /explorer', async () => {
    const response = await fetch(gateway.url, { headers: page, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/explorer');
    const explorer = await fetch(new URL('/explorer', gateway.url), { headers: page });
    expect(await explorer.text()).toContain('<title>explorer</title>');
  });

  it('answers an API client on /graphql, with no landing page and an API’s CSP in development too', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    // A GET preferring JSON is an operation request, not a page: CSRF prevention answers it, no HTML.
    const get = await fetch(gateway.url, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(get.status).toBe(400);
    expect(get.headers.get('content-type')).not.toMatch(/html/);
  });
});
