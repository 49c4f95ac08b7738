import { randomUUID } from 'node:crypto';
import { signIdentity, type ReadinessCheck } from '@flowgraph/kernel';

const PROBE = JSON.stringify({ query: '{ __typename }' });

/**
 * One readiness check per subgraph: its own `/readyz` (beside its `/graphql`) must answer 2xx, and
 * a signed `{ __typename }` must be accepted, so a gateway whose `IDENTITY_SECRET` the subgraph
 * does not share is not ready (the subgraph's own `/readyz` cannot tell).
 */
export function subgraphReadiness(
  urls: Record<string, string>,
  identitySecret: string,
  doFetch: typeof fetch = fetch,
): Record<string, ReadinessCheck> {
  return Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      async () => {
        const signal = AbortSignal.timeout(1500);
        const headers = {
          'content-type': 'application/json',
          ...signIdentity({ requestId: randomUUID(), scopes: [], authMethod: 'anonymous' }, identitySecret, {
            method: 'POST',
            target: url,
            body: PROBE,
          }),
        };
        const [ready, signed] = await Promise.all([
          doFetch(new URL('/readyz', url), { signal }),
          doFetch(url, { method: 'POST', headers, body: PROBE, signal }),
        ]);
        await Promise.all([ready.body?.cancel(), signed.body?.cancel()]);
        if (!ready.ok) throw new Error(`${name}: readyz answered ${ready.status}`);
        if (signed.status === 401) throw new Error(`${name} refused the gateway's signed identity (is IDENTITY_SECRET the same?)`);
        if (!signed.ok) throw new Error(`${name}: a signed call answered ${signed.status}`);
      },
    ]),
  );
}
