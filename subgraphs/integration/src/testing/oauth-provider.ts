import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';

export interface TestAuthorizationServer {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** RFC 7662 introspection with the client's credentials: whether the provider still honours `token`. */
  isActive(token: string): Promise<boolean>;
  stop(): Promise<void>;
}

export interface TestAuthorizationServerOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  accessTokenTtl: number;
  /** Where it listens; default a free port (e2e reserves one, so the gateway's callback and the provider know each other before either starts). */
  port?: number;
}

/** The script, by package name: the same file whether this module runs from src (jest) or dist (e2e). */
const SCRIPT = require.resolve('@flowgraph/integration/testing/oidc-provider.mjs');

/** Starts oidc-provider (ESM-only) in a child process running `oidc-provider.mjs`. */
export async function startTestAuthorizationServer(options: TestAuthorizationServerOptions): Promise<TestAuthorizationServer> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OAUTH_TEST_SETTINGS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([
    once(readline.createInterface({ input: child.stdout! }), 'line'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`oidc-provider exited with ${String(code)}`))),
  ])) as [string];
  const { issuer } = JSON.parse(line) as { issuer: string };
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')}`;
  return {
    issuer,
    authorizeUrl: discovery.authorization_endpoint,
    tokenUrl: discovery.token_endpoint,
    revokeUrl: discovery.revocation_endpoint,
    async isActive(token) {
      const response = await fetch(discovery.introspection_endpoint, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
      return ((await response.json()) as { active: boolean }).active;
    },
    async stop() {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}
