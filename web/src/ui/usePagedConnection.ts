import { useCallback, useMemo, useState } from 'react';
import { useClient, useQuery, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';

/** One empty list for every render, so `nodes` keeps its identity until a page arrives. */
const NO_NODES: never[] = [];

export interface Connection<Node> {
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** What `usePagedConnection` returns: the nodes read so far, the first page's state, and the next page's. */
export interface PagedConnection<Data = unknown, Node = unknown> {
  /** The first page's data. */
  data: Data | undefined;
  /** Every page's nodes, in order. */
  nodes: Node[];
  fetching: boolean;
  error: CombinedError | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: CombinedError | undefined;
  loadMore: () => Promise<void>;
  refetch: () => void;
}

/**
 * A cursor connection read page by page, for "load more" and infinite scroll: the first page is a
 * normal query (kept fresh by urql), later pages are fetched with the previous page's
 * `endCursor` and appended. Changing `variables` (filters, sort) starts over.
 */
export function usePagedConnection<Data, Variables extends AnyVariables, Node>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  connectionOf: (data: Data) => Connection<Node> | undefined | null,
): PagedConnection<Data, Node> {
  const client = useClient();
  const [first, reexecute] = useQuery<Data, Variables>({ query, variables } as never);
  const key = JSON.stringify(variables);
  const [more, setMore] = useState<{ key: string; nodes: Node[]; pageInfo?: Connection<Node>['pageInfo'] }>({ key, nodes: [] });
  const [loading, setLoading] = useState<{ fetching: boolean; error?: typeof first.error }>({ fetching: false });

  const firstConnection = first.data ? connectionOf(first.data) : undefined;
  // Pages loaded for other variables (filters, sort) are not this list's: it starts over.
  const current = more.key === key ? more : { key, nodes: NO_NODES as Node[], pageInfo: undefined };
  const pageInfo = current.pageInfo ?? firstConnection?.pageInfo;
  const nodes = useMemo(() => [...(firstConnection?.edges.map((e) => e.node) ?? []), ...current.nodes], [firstConnection, current.nodes]);

  const loadMore = useCallback(async () => {
    if (!pageInfo?.hasNextPage || loading.fetching) return;
    setLoading({ fetching: true });
    const result = await client.query(query, { ...variables, after: pageInfo.endCursor } as Variables).toPromise();
    const connection = result.data ? connectionOf(result.data) : undefined;
    setLoading({ fetching: false, error: result.error });
    if (connection)
      setMore((previous) =>
        previous.key === key
          ? { key, nodes: [...previous.nodes, ...connection.edges.map((e) => e.node)], pageInfo: connection.pageInfo }
          : previous,
      );
  }, [client, query, variables, connectionOf, pageInfo, loading.fetching, key]);

  return {
    data: first.data,
    nodes,
    fetching: first.fetching,
    error: first.error,
    hasMore: pageInfo?.hasNextPage ?? false,
    loadingMore: loading.fetching,
    loadMoreError: loading.error,
    loadMore,
    refetch: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
