import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by one key. `fetch` returns rows in any order; they are matched
 * back to keys with `keyOf`. Missing keys resolve to null.
 */
export function rowLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const byKey = new Map<K, V>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** A per-request loader of all rows belonging to each key (one-to-many). */
export function groupLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/**
 * Per-request first pages of a connection under many parents: one group loader per row count (and
 * further argument, such as a filter), so the parents asking for the same page share one query.
 */
export function firstPageLoaders<K extends string, V, A extends unknown[] = []>(
  fetch: (keys: readonly K[], count: number, ...args: A) => Promise<V[]>,
  keyOf: (row: V) => K,
): (count: number, ...args: A) => DataLoader<K, V[]> {
  const loaders = new Map<string, DataLoader<K, V[]>>();
  return (count, ...args) => {
    const key = JSON.stringify([count, ...args]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = groupLoader((keys) => fetch(keys, count, ...args), keyOf);
      loaders.set(key, loader);
    }
    return loader;
  };
}
