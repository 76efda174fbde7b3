import DataLoader from 'dataloader';

const LOADERS = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

/**
 * One DataLoader per request and purpose: keyed by the request object (the
 * GraphQL context's `req`), so batches never mix callers and die with the request.
 */
export function requestLoader<K, V>(req: object, name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>, cacheKey?: (key: K) => string): DataLoader<K, V> {
  let loaders = LOADERS.get(req);
  if (!loaders) {
    loaders = new Map();
    LOADERS.set(req, loaders);
  }
  let loader = loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V, unknown>(batch, { cacheKeyFn: cacheKey, maxBatchSize: 1000 });
    loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
