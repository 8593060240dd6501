import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use. A domain library asks for its loader by a key it
 * owns (`loaders.get('branchById', () => new DataLoader(...))`), so related rows load in one query
 * per request instead of one per row.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    const existing = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (existing) {
      return existing;
    }
    const loader = create();
    this.loaders.set(key, loader);
    return loader;
  }
}

/** Loads rows by id in one query and returns them in the order asked for (null where missing). */
export function byIds<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Loads the rows belonging to each parent id in one query (an empty list where there are none). */
export function groupedBy<T>(
  fetch: (parentIds: readonly string[]) => Promise<T[]>,
  parentIdOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const groups = new Map<string, T[]>();
    for (const row of await fetch(parentIds)) {
      const list = groups.get(parentIdOf(row)) ?? [];
      list.push(row);
      groups.set(parentIdOf(row), list);
    }
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}
