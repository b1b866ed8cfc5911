/**
 * An in-memory Cache Storage for tests (jsdom has none): enough of the API for the offline
 * tile download and the kept region files (open, has, delete, keys, match, put) and a way to make put() fail as a full
 * phone does. Test-only: imported by *.test.ts(x) files, never by the app.
 */
export class FakeCache {
  readonly entries = new Map<string, Blob>();
  failPutsAfter = Infinity;

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const blob = this.entries.get(String(request instanceof Request ? request.url : request));
    return blob ? new Response(blob, { status: 200 }) : undefined;
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    const key = String(request instanceof Request ? request.url : request);
    const blob = await response.blob();
    // Checked and stored with no await between: concurrent puts cannot slip past the limit.
    if (this.entries.size >= this.failPutsAfter) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.entries.set(key, blob);
  }

  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

export class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>();

  async open(name: string): Promise<FakeCache> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new FakeCache();
      this.caches.set(name, cache);
    }
    return cache;
  }

  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }

  /** caches.match: the first cache holding the request. */
  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    for (const cache of this.caches.values()) {
      const found = await cache.match(request);
      if (found) return found;
    }
    return undefined;
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}
