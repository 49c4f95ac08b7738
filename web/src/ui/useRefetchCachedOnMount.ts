import { useEffect, useRef } from 'react';

/**
 * Reads a query again when a page opens on an answer urql kept in its cache. Production builds
 * send persisted ids, and the answers carry no `__typename`, so urql's document cache cannot tell
 * that a mutation changed a list it holds: shown again (back to the page), the list would be stale.
 * The first visit, fetched from the network anyway, is not read twice.
 */
export function useRefetchCachedOnMount(data: unknown, refetch: () => void) {
  const cachedAtMount = useRef(data !== undefined);
  const latestRefetch = useRef(refetch);
  latestRefetch.current = refetch;
  useEffect(() => {
    if (cachedAtMount.current) latestRefetch.current();
  }, []);
}
