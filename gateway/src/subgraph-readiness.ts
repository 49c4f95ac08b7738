import type { ReadinessCheck } from '@flowgraph/kernel';

/** One readiness check per subgraph: its own `/readyz` (beside its `/graphql`) must answer 2xx. */
export function subgraphReadiness(urls: Record<string, string>, doFetch: typeof fetch = fetch): Record<string, ReadinessCheck> {
  return Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      async () => {
        const response = await doFetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1500) });
        if (!response.ok) throw new Error(`readyz answered ${response.status}`);
      },
    ]),
  );
}
